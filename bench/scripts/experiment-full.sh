#!/usr/bin/env bash
# The full LLMEmb comparison on the default MovieLens data, as measured for the README: every
# `experiment` run below shares one stage cache, so the runs go in two lanes (one per core) and the report runs at
# the end only read what the lanes computed. Rerunning reuses every finished stage.
#
#   bench/scripts/experiment-full.sh [out dir, default: runs/experiment-full]
#
# Writes <out>/backbones (3 backbones x {None, LLMEmb, Fused}), <out>/sasrec (SASRec x {None, LLMEmb,
# Fused} with the cold-item protocol), <out>/minilm and <out>/bge (SASRec: None, LLMEmb, Fused, each with and
# without SCFT, both protocols: the encoder comparison). Environment: SEEDS (3: number of seeds), ENCODER_SEEDS
# (1: seeds of the encoder / SCFT comparison rows), SCFT_STEPS (100), SCFT_BATCH (32: the paper's 4,000 steps of 64
# pairs take days on CPU), THREADS per lane (1). About 70 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/runs/experiment-full}"
WORK="$OUT/work"
LLMEMB="$ROOT/bin/llmemb"
SEEDS=(--seed-count "${SEEDS:-3}")
COMMON=(experiment --work "$WORK" --scft-steps "${SCFT_STEPS:-100}"
  --scft-batch "${SCFT_BATCH:-32}" --threads "${THREADS:-1}" --no-progress)
ENCODERS=(--backbones sasrec --variants none,llmemb,fused,fused-raw --ablations no-scft --cold-fraction 0.1
  --seed-count "${ENCODER_SEEDS:-1}")

mkdir -p "$OUT/logs"
"$LLMEMB" --version > /dev/null   # builds once, before two lanes would
[[ -f "${LLMEMB_DATA_DIR:-$ROOT/data}/ml-latest-small/ratings.csv" ]] || "$LLMEMB" fetch-movielens

lane() {
  local name=$1; shift
  echo "lane $name: $*" >&2
  "$LLMEMB" "${COMMON[@]}" "$@" --out "$OUT/lanes/$name" > "$OUT/logs/$name.log" 2>&1
}

# Lane 1: SASRec with both protocols, then the MiniLM rows without SCFT. Lane 2: BGE (its SCFT does not wait for
# MiniLM's), then the other backbones.
( lane sasrec "${SEEDS[@]}" --backbones sasrec --variants none,llmemb,fused --cold-fraction 0.1 \
  && lane minilm --encoder minilm "${ENCODERS[@]}" ) &
first=$!
( lane bge --encoder bge "${ENCODERS[@]}" \
  && lane others "${SEEDS[@]}" --backbones gru4rec,bert4rec --variants none,llmemb,fused --cold-fraction 0 ) &
second=$!
wait "$first"
wait "$second"

# The reports: everything is cached by now.
"$LLMEMB" "${COMMON[@]}" "${SEEDS[@]}" --backbones sasrec,gru4rec,bert4rec --variants none,llmemb,fused --cold-fraction 0 \
  --out "$OUT/backbones"
"$LLMEMB" "${COMMON[@]}" "${SEEDS[@]}" --backbones sasrec --variants none,llmemb,fused --cold-fraction 0.1 --out "$OUT/sasrec"
"$LLMEMB" "${COMMON[@]}" --encoder minilm "${ENCODERS[@]}" --out "$OUT/minilm"
"$LLMEMB" "${COMMON[@]}" --encoder bge "${ENCODERS[@]}" --out "$OUT/bge"
echo "reports in $OUT: backbones/ sasrec/ minilm/ bge/ (report.md, report.html)"
