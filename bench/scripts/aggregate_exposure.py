#!/usr/bin/env python3
"""Aggregates `llmemb exposure` outputs of several seeds into one Markdown table: mean ± std (sample std, n-1) over
the seeds per ranking and policy, the change of overall and cold HR@10 against the plain ranking of the same seed,
and the cold hits pooled over the seeds (each seed draws its own cold items).

Usage: aggregate_exposure.py DIR [DIR ...]   (each DIR holds exposure.json, as `llmemb exposure --out DIR` writes)
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def label(policy):
    parts = []
    if policy["slots"]:
        parts.append(f"slots {policy['slots']}")
    if policy["bonus"]:
        parts.append(f"bonus {policy['bonus']:g}")
    text = ", ".join(parts) or "none"
    if policy["slots"] and policy.get("youngOrder") == "CONTENT":
        text += " by content"
    if policy.get("youngMaxCount"):
        text += f" (count ≤ {policy['youngMaxCount']})"
    return text


def fmt(values, digits=3):
    mean = statistics.fmean(values)
    if len(values) < 2:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def signed(values, digits=3):
    mean = statistics.fmean(values)
    if len(values) < 2:
        return f"{mean:+.{digits}f}"
    return f"{mean:+.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def main(dirs):
    rows = defaultdict(list)  # (ranking, label) -> one result per seed
    order = []
    for d in dirs:
        points = json.loads((Path(d) / "exposure.json").read_text())["points"]
        for p in points:
            key = (p["result"]["protocol"]["ranking"].lower(), label(p["policy"]))
            if key not in rows:
                order.append(key)
            rows[key].append(p["result"])
    n = {len(v) for v in rows.values()}
    if len(n) != 1:
        sys.exit(f"the directories measured different policies: {sorted(n)} seeds per row")
    print(f"{len(dirs)} seeds; mean ± sample std over seeds; Δ against the plain ranking of the same seed; cold hits "
          "pooled over seeds.\n")
    print("| ranking | policy | overall HR@10 | overall NDCG@10 | tail HR@10 | cold HR@10 | cold NDCG@10 "
          "| Δ overall HR@10 | Δ cold HR@10 | cold hits |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for ranking, name in order:
        results = rows[(ranking, name)]
        plain = rows[(ranking, "none")] if (ranking, "none") in rows else None
        hr = [r["overall"]["hr"] for r in results]
        cold = [r["coldItems"]["hr"] for r in results]
        hits = sum(round(r["coldItems"]["hr"] * r["coldItems"]["cases"]) for r in results)
        cases = sum(r["coldItems"]["cases"] for r in results)
        delta = signed([a - b["overall"]["hr"] for a, b in zip(hr, plain)]) if plain else "—"
        delta_cold = signed([a - b["coldItems"]["hr"] for a, b in zip(cold, plain)]) if plain else "—"
        print(f"| {ranking} | {name} | {fmt(hr)} | {fmt([r['overall']['ndcg'] for r in results])} "
              f"| {fmt([r['tailItems']['hr'] for r in results])} | {fmt(cold)} "
              f"| {fmt([r['coldItems']['ndcg'] for r in results])} | {delta} | {delta_cold} | {hits} / {cases} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
