package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import io.llmemb.llm.lora.Projection;

/**
 * A frozen bias-free linear map holding its weight {@code [out, in]} (PyTorch/HF row-major layout).
 */
public final class Linear implements Projection {
  private final NDArray weight;

  /** Wraps {@code weight} of shape {@code [out, in]}; the array stays owned by its manager. */
  public Linear(NDArray weight) {
    if (weight.getShape().dimension() != 2) {
      throw new IllegalArgumentException(
          "Linear weight must be 2-D [out, in], got " + weight.getShape());
    }
    this.weight = weight;
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    return ai.djl.nn.core.Linear.linear(x, weight).singletonOrThrow();
  }

  /** The frozen weight {@code [out, in]}. */
  public NDArray weight() {
    return weight;
  }

  @Override
  public long inFeatures() {
    return weight.getShape().get(1);
  }

  @Override
  public long outFeatures() {
    return weight.getShape().get(0);
  }
}
