package io.llmemb.llm;

import ai.djl.ndarray.NDArray;
import io.llmemb.engine.Scalars;

/**
 * Pooling of a last hidden state into one vector per sequence (docs/llmemb-method.md §3: {@code
 * pool_type avg}).
 */
public final class Pooling {

  private Pooling() {}

  /**
   * Attention-masked mean over real tokens.
   *
   * @param hidden [B, T, H]
   * @param mask [B, T], 1 for real tokens, 0 for padding (any numeric type)
   * @return [B, H] in the dtype of {@code hidden}
   */
  public static NDArray mean(NDArray hidden, NDArray mask) {
    NDArray m = mask.toType(hidden.getDataType(), false).expandDims(-1);
    NDArray counts = Scalars.maximum(m.sum(new int[] {1}), 1f);
    return hidden.mul(m).sum(new int[] {1}).div(counts);
  }
}
