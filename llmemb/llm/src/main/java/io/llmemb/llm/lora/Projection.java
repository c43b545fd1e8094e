package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A linear map y = x·Wᵀ (+ b) over the last axis: the one seam through which every projection of
 * both encoders runs (BERT's six per layer, the LLaMA decoder's q/k/v/o/gate/up/down), and where
 * LoRA attaches. The base weights are frozen ({@link FrozenLinear}, the decoder's {@code Linear});
 * {@link LoraLinear} wraps one with {@code y = base(x) + s * B(A(dropout(x)))}.
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
