#!/usr/bin/env python3
"""Aggregates `llmemb train` results.json files into one Markdown table: mean ± std (sample std, n-1) over seeds.

Usage: aggregate_srs.py RUNS_DIR   (RUNS_DIR holds <backbone>-<seed>/results.json, as srs-baselines.sh writes)
The popularity and random rows come from every run's baselines (they depend on the seed only through the random
scorer and the sampled negatives).
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

PROTOCOLS = ("sampled", "full")
BASELINES = ("popularity", "random")
GROUPS = (("overall", "overall"), ("tailItems", "tail items"))


def fmt(values):
    values = list(values.values()) if isinstance(values, dict) else values
    mean = statistics.fmean(values)
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.3f} ± {std:.3f}"


def main(runs_dir):
    cells = defaultdict(lambda: defaultdict(dict))  # (model, protocol) -> metric -> {run key: value}
    epochs = defaultdict(lambda: defaultdict(list))  # model -> field -> values
    for results in sorted(Path(runs_dir).glob("*/results.json")):
        data = json.loads(results.read_text())
        extra = data["extra"]
        backbone = extra["model"]["backbone"]
        epochs[backbone]["sec"].append(extra["meanEpochSeconds"])
        epochs[backbone]["best"].append(extra["bestEpoch"])
        epochs[backbone]["run"].append(len(extra["curve"]))
        seed = extra["model"]["seed"]
        for label, result in data["results"].items():
            model, protocol = (part.strip() for part in label.split("/"))
            # Baselines repeat in every run of a seed with identical values: count each seed once.
            run = seed if model in BASELINES else (backbone, seed)
            for key, _ in GROUPS:
                cells[(model, protocol)][key + ".hr"][run] = result[key]["hr"]
                cells[(model, protocol)][key + ".ndcg"][run] = result[key]["ndcg"]
    if not cells:
        sys.exit(f"no */results.json under {runs_dir}")
    models = sorted({m for m, _ in cells}, key=lambda m: (m in BASELINES, m))
    print("| model | protocol | seeds | HR@10 | NDCG@10 | tail HR@10 | tail NDCG@10 |")
    print("|---|---|---|---|---|---|---|")
    for protocol in PROTOCOLS:
        for model in models:
            c = cells.get((model, protocol))
            if not c:
                continue
            n = len(c["overall.hr"])
            print(f"| {model} | {protocol} | {n} | {fmt(c['overall.hr'])} | {fmt(c['overall.ndcg'])} | "
                  f"{fmt(c['tailItems.hr'])} | {fmt(c['tailItems.ndcg'])} |")
    print()
    print("| backbone | seconds / epoch | best epoch | epochs run |")
    print("|---|---|---|---|")
    for backbone, e in sorted(epochs.items()):
        print(f"| {backbone} | {fmt(e['sec'])} | {', '.join(map(str, e['best']))} | "
              f"{', '.join(map(str, e['run']))} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
