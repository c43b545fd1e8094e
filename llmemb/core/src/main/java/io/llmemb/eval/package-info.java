/**
 * Evaluation protocols of docs/llmemb-method.md §5 as data: sampled (1 positive + 100 negatives) or
 * full ranking, HR@k and NDCG@k overall and per tail/head item and short/long user group, with
 * baseline scorers.
 */
package io.llmemb.eval;
