package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import io.llmemb.llm.lora.Projection;
import java.util.EnumMap;
import java.util.Map;

/**
 * One decoder block: the two RMSNorm gains and the seven projections.
 *
 * @param attentionNorm {@code input_layernorm} gain {@code [dim]}
 * @param ffnNorm {@code post_attention_layernorm} gain {@code [dim]}
 * @param projections exactly one projection per {@link ProjectionName}
 */
public record LlamaLayerWeights(
    NDArray attentionNorm, NDArray ffnNorm, Map<ProjectionName, Projection> projections) {

  /** Checks that all seven projections are present and copies the map. */
  public LlamaLayerWeights {
    if (attentionNorm == null || ffnNorm == null) {
      throw new IllegalArgumentException("attentionNorm and ffnNorm must not be null");
    }
    for (ProjectionName name : ProjectionName.values()) {
      if (projections.get(name) == null) {
        throw new IllegalArgumentException("projections lacks " + name.hfName());
      }
    }
    projections = Map.copyOf(new EnumMap<>(projections));
  }

  /** The projection called {@code name}. */
  public Projection projection(ProjectionName name) {
    return projections.get(name);
  }

  /** A copy whose projections went through {@code mapper}. */
  LlamaLayerWeights mapped(int layer, ProjectionMapper mapper) {
    Map<ProjectionName, Projection> next = new EnumMap<>(ProjectionName.class);
    for (ProjectionName name : ProjectionName.values()) {
      Projection replacement = mapper.map(layer, name, projection(name));
      if (replacement.inFeatures() != projection(name).inFeatures()
          || replacement.outFeatures() != projection(name).outFeatures()) {
        throw new IllegalArgumentException(
            "layer " + layer + " " + name.hfName() + ": replacement changes shape");
      }
      next.put(name, replacement);
    }
    return new LlamaLayerWeights(attentionNorm, ffnNorm, next);
  }
}
