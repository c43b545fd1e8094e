#!/usr/bin/env bash
# Plain SASRec / GRU4Rec / Bert4Rec on the default MovieLens data: 3 seeds each, sampled
# (100 negatives) and full-ranking protocols, popularity and random baselines, then one Markdown table of
# mean ± std over the seeds (bench/scripts/aggregate_srs.py).
#
#   bench/scripts/srs-baselines.sh [work dir, default: target/srs-baselines]
#
# Environment: SEEDS ("42 43 44"), BACKBONES ("sasrec gru4rec bert4rec"), EPOCHS (200), PATIENCE (20),
# THREADS (1: on a shared 2-core machine two PyTorch threads are far slower), EXTRA (more `train` options).
# Runs sequentially; on ml-latest-small one run takes 0.5-1.5 s per epoch on one core.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/srs-baselines}"
SEEDS="${SEEDS:-42 43 44}"
BACKBONES="${BACKBONES:-sasrec gru4rec bert4rec}"
EPOCHS="${EPOCHS:-200}"
PATIENCE="${PATIENCE:-20}"
THREADS="${THREADS:-1}"
LLMEMB="$ROOT/bin/llmemb"
RAW="${LLMEMB_DATA_DIR:-$ROOT/data}/ml-latest-small"

mkdir -p "$WORK/runs"
if [[ ! -f "$RAW/ratings.csv" ]]; then
  "$LLMEMB" fetch-movielens
fi
# MovieLens preset: 5/5 one-pass core, leave-one-out, Pareto-80 tail (671 users / 3,496 items / tail < 36).
if [[ ! -f "$WORK/ml/manifest.json" ]]; then
  "$LLMEMB" prepare --format movielens --input "$RAW" --out "$WORK/ml"
fi

for backbone in $BACKBONES; do
  for seed in $SEEDS; do
    run="$WORK/runs/$backbone-$seed"
    if [[ -f "$run/results.json" ]]; then
      echo "skip $run (results.json exists)" >&2
      continue
    fi
    echo "== $backbone seed $seed" >&2
    # shellcheck disable=SC2086
    "$LLMEMB" train --data "$WORK/ml" --out "$run" --backbone "$backbone" --seed "$seed" --threads "$THREADS" \
      --epochs "$EPOCHS" --patience "$PATIENCE" --ranking sampled,full ${EXTRA:-} > "$run.log" 2>&1
  done
done

python3 "$ROOT/bench/scripts/aggregate_srs.py" "$WORK/runs" | tee "$WORK/table.md"
