/**
 * Evaluation protocols of docs/llmemb-method.md §5 as data: sampled (1 positive + 100 negatives) or
 * full ranking, HR@k and NDCG@k overall and per tail/head item and short/long user group, with
 * baseline scorers; exposure policies for young items on top of either ranking (§11.1).
 */
package io.llmemb.eval;
