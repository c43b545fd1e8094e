package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Attention-masked mean over the real tokens (docs/llmemb-method.md §3, llama.py:L116-117, {@code
 * pool_type avg}).
 */
final class MeanPooling {
  private MeanPooling() {}

  /**
   * @param hidden {@code [batch, time, dim]}
   * @param mask boolean {@code [batch, time]}
   * @return fp32 {@code [batch, dim]}
   */
  static NDArray pool(NDArray hidden, NDArray mask) {
    NDArray weights = mask.toType(DataType.FLOAT32, false).expandDims(2);
    NDArray sum = hidden.toType(DataType.FLOAT32, false).mul(weights).sum(new int[] {1});
    return sum.div(weights.sum(new int[] {1}));
  }
}
