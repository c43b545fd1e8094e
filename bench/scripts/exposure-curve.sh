#!/usr/bin/env bash
# The exposure-policy trade-off curve of docs/llmemb-method.md §11.1 on the default MovieLens data, per seed:
# plain SASRec under the cold-item protocol → fused SASRec (the README's `fuse` recipe, PCA 128 as in `experiment`)
# with a serving bundle → `exposure` over young-item slots × score bonuses, both rankings; then one table of
# mean ± std over the seeds (bench/scripts/aggregate_exposure.py). SCFT and the item embeddings do not depend on
# the cold split and are computed once (SCFT seeded with the first seed).
#
#   bench/scripts/exposure-curve.sh [work dir, default: target/exposure-curve]
#
# Environment: SEEDS ("42 43 44"), THREADS (1), COLD (0.1), SCFT_STEPS (100), SCFT_BATCH (32), SLOTS (0,1,2,3),
# BONUS (0,0.1,0.2,0.4,0.7,1: in the fused model's score units; `exposure` prints the quantiles of the gap a bonus
# must close, young-gap.txt), ORDER (score,content: which young items fill the slots, by the model's score or by text
# similarity to the user's last RECENT (5) items), STAGE (TEST; VALID picks the knobs). Finished stages are reused.
# On one shared core: SCFT ~6 min, embedding ~1 min, then ~6 min per seed (SASRec ~3, fused ~2.5, curves ~1/4).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/exposure-curve}"
read -r -a SEEDS <<< "${SEEDS:-42 43 44}"
THREADS="${THREADS:-1}"
COLD="${COLD:-0.1}"
SLOTS="${SLOTS:-0,1,2,3}"
BONUS="${BONUS:-0,0.1,0.2,0.4,0.7,1}"
ORDER="${ORDER:-score,content}"
RECENT="${RECENT:-5}"
STAGE="${STAGE:-TEST}"
LLMEMB="${LLMEMB:-$ROOT/bin/llmemb}"
RAW="${LLMEMB_DATA_DIR:-$ROOT/data}/ml-latest-small"

mkdir -p "$WORK"
[[ -f "$RAW/ratings.csv" ]] || "$LLMEMB" fetch-movielens
[[ -f "$WORK/ml/manifest.json" ]] || "$LLMEMB" prepare --format movielens --input "$RAW" --out "$WORK/ml"
[[ -d "$WORK/lora" ]] ||
  "$LLMEMB" scft --data "$WORK/ml" --steps "${SCFT_STEPS:-100}" --batch "${SCFT_BATCH:-32}" --lr 1e-3 \
    --seed "${SEEDS[0]}" --threads "$THREADS" --out "$WORK/lora"
[[ -d "$WORK/emb" ]] || "$LLMEMB" embed --data "$WORK/ml" --lora "$WORK/lora" --threads "$THREADS" --out "$WORK/emb"

fused=()
for seed in "${SEEDS[@]}"; do
  run=(--seed "$seed" --threads "$THREADS")
  [[ -f "$WORK/sasrec-$seed/model.json" ]] ||
    "$LLMEMB" train --data "$WORK/ml" --backbone sasrec --cold-fraction "$COLD" "${run[@]}" --out "$WORK/sasrec-$seed"
  [[ -d "$WORK/bundles/fused-sasrec-$seed" ]] ||
    "$LLMEMB" fuse --data "$WORK/ml" --embeddings "$WORK/emb" --pca-dim 128 --srs "$WORK/sasrec-$seed" \
      --warm-start "$WORK/sasrec-$seed" --gate-bias 3 --id-dropout 0.2 --max-align-rows 1024 \
      --cold-fraction "$COLD" "${run[@]}" --out "$WORK/fused-$seed" --bundle "$WORK/bundles/fused-sasrec-$seed"
  "$LLMEMB" exposure --data "$WORK/ml" --model "$WORK/fused-$seed" --bundle "$WORK/bundles/fused-sasrec-$seed" \
    --slots "$SLOTS" --bonus "$BONUS" --young-order "$ORDER" --text "$WORK/emb" --content-recent "$RECENT" \
    --ranking full,sampled --stage "$STAGE" "${run[@]}" --out "$WORK/exposure-fused-${STAGE,,}-$seed"
  fused+=("$WORK/exposure-fused-${STAGE,,}-$seed")
done
python3 "$ROOT/bench/scripts/aggregate_exposure.py" "${fused[@]}" | tee "$WORK/exposure-fused-${STAGE,,}.md"
echo "per seed: $WORK/exposure-fused-${STAGE,,}-<seed>/ (exposure.md, plots); over the seeds: $WORK/exposure-fused-${STAGE,,}.md"
