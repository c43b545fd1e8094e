/** Hand-run benchmarks: SASRec epoch time on DJL against plain PyTorch. */
package io.llmemb.bench;
