package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;

/**
 * A linear map y = x·Wᵀ + b over the last axis: the seam where LoRA attaches to a transformer's projections.
 */
public interface Projection {

  /** Applies the projection; {@code training} switches dropout on. */
  NDArray forward(NDArray x, boolean training);

  /** Output width. */
  long outFeatures();
}
