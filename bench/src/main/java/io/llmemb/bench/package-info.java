/**
 * Hand-run benchmarks: SASRec epoch time on DJL against plain PyTorch; serving in {@code serving}.
 */
package io.llmemb.bench;
