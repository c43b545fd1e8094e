package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A bias-free linear map {@code y = x W^T}: the one seam through which every q/k/v/o/gate/up/down projection
 * of {@link LlamaDecoder} runs. The base weights are a frozen {@link Linear}; LoRA
 * ({@code io.llmemb.llm.lora}) wraps a {@code Projection} with {@code y = base(x) + s * B(A(dropout(x)))} and
 * is installed with {@link LlamaModel#replaceProjections(ProjectionMapper)}.
 */
public interface Projection {

  /**
   * Applies the map over the last axis.
   *
   * @param x {@code [..., inFeatures]}
   * @param training true inside SCFT (e.g. LoRA dropout is active)
   */
  NDArray forward(NDArray x, boolean training);

  /** Input width. */
  long inFeatures();

  /** Output width. */
  long outFeatures();

  /** Arrays SCFT should update; a frozen base projection has none. */
  default NDList trainableParameters() {
    return new NDList();
  }
}
