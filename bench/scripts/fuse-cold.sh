#!/usr/bin/env bash
# None vs RAT table vs fused (issue 9) on the default MovieLens data under the cold-item protocol (10 % of items
# lose every training interaction): sampled + full ranking, overall / tail / cold. One seed per call.
#
#   bench/scripts/fuse-cold.sh [work dir, default: target/fuse-cold]
#
# Environment: SEED (42), EPOCHS (60), PATIENCE (10), THREADS (1), ALIGN_ROWS (256: alignment rows per batch;
# 0 = every label row, which is ~30x slower on a 2-core machine), FUSE_EXTRA (more `fuse` options).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/fuse-cold}"
SEED="${SEED:-42}"
EPOCHS="${EPOCHS:-60}"
PATIENCE="${PATIENCE:-10}"
THREADS="${THREADS:-1}"
ALIGN_ROWS="${ALIGN_ROWS:-256}"
LLMEMB="$ROOT/bin/llmemb"
RAW="${LLMEMB_DATA_DIR:-$ROOT/data}/ml-latest-small"

mkdir -p "$WORK"
[[ -f "$RAW/ratings.csv" ]] || "$LLMEMB" fetch-movielens
[[ -f "$WORK/ml/manifest.json" ]] || "$LLMEMB" prepare --format movielens --input "$RAW" --out "$WORK/ml"
if [[ ! -f "$WORK/emb-minilm/manifest.json" ]]; then
  # `embed` reads {"item", "attributes"} lines; the prepared items.jsonl names the raw id "raw_id".
  python3 -c "import json,sys;[print(json.dumps({'item':d['raw_id'],'attributes':d['attributes']})) for d in map(json.loads,open(sys.argv[1]))]" \
    "$WORK/ml/items.jsonl" > "$WORK/catalog.jsonl"
  "$LLMEMB" --version > /dev/null  # builds the classes and the classpath file
  java -Dai.djl.offline=true -cp "$ROOT/llmemb/target/classes:$(cat "$ROOT/llmemb/target/llmemb.classpath")" \
    io.llmemb.llm.EmbedCommand --catalog "$WORK/catalog.jsonl" --kind movielens --out "$WORK/emb-minilm" \
    --threads "$THREADS"
fi
COMMON=(--cold-fraction --threads "$THREADS" --seed "$SEED")
[[ -f "$WORK/none-$SEED/results.json" ]] || "$LLMEMB" train --data "$WORK/ml" --backbone sasrec \
  --out "$WORK/none-$SEED" "${COMMON[@]}"
FUSE=(fuse --data "$WORK/ml" --embeddings "$WORK/emb-minilm" --srs "$WORK/none-$SEED" --epochs "$EPOCHS"
  --patience "$PATIENCE" --max-align-rows "$ALIGN_ROWS" --no-baselines "${COMMON[@]}")
# shellcheck disable=SC2086
[[ -f "$WORK/rat-$SEED/results.json" ]] || "$LLMEMB" "${FUSE[@]}" --fusion text --out "$WORK/rat-$SEED" ${FUSE_EXTRA:-}
# shellcheck disable=SC2086
[[ -f "$WORK/fused-$SEED/results.json" ]] || "$LLMEMB" "${FUSE[@]}" --fusion gate --out "$WORK/fused-$SEED" ${FUSE_EXTRA:-}
for run in none rat fused; do
  echo "== $run (seed $SEED)"
  grep -v "^| popularity\|^| random" "$WORK/$run-$SEED/results.md"
done
