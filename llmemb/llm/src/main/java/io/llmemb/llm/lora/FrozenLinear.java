package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A pretrained linear layer that never receives gradients.
 *
 * @param weight [out, in] (PyTorch layout)
 * @param bias [out] or null
 */
public record FrozenLinear(NDArray weight, NDArray bias) implements Projection {

  public FrozenLinear {
    Objects.requireNonNull(weight, "weight");
    if (weight.getShape().dimension() != 2) {
      throw new IllegalArgumentException("weight must be [out, in], got " + weight.getShape());
    }
    if (bias != null && bias.getShape().get(0) != weight.getShape().get(0)) {
      throw new IllegalArgumentException(
          "bias " + bias.getShape() + " does not match weight " + weight.getShape());
    }
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    NDArray y = x.matMul(weight.transpose());
    return bias == null ? y : y.add(bias);
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
