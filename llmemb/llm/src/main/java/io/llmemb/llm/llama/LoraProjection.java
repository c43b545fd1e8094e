package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.llmemb.llm.lora.LoraLinear;
import java.util.Objects;

/**
 * A decoder {@link Projection} carrying a {@link LoraLinear} (frozen base weight plus trainable A, B): the
 * adapter seam of {@link LlamaModel#attachLora}. Exposes A and B to SCFT until the update is merged.
 */
final class LoraProjection implements Projection {
  private final LoraLinear lora;
  private final long inFeatures;

  LoraProjection(LoraLinear lora, long inFeatures) {
    this.lora = Objects.requireNonNull(lora, "lora");
    this.inFeatures = inFeatures;
  }

  LoraLinear lora() {
    return lora;
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    return lora.forward(x, training);
  }

  @Override
  public long inFeatures() {
    return inFeatures;
  }

  @Override
  public long outFeatures() {
    return lora.outFeatures();
  }

  @Override
  public NDList trainableParameters() {
    return lora.isMerged() ? new NDList() : new NDList(lora.loraA(), lora.loraB());
  }
}
