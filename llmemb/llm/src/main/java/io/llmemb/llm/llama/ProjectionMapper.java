package io.llmemb.llm.llama;

import io.llmemb.llm.lora.Projection;

/**
 * Replaces projections of a loaded decoder, e.g. to wrap them in {@link
 * io.llmemb.llm.lora.LoraLinear}s. Returning {@code base} leaves a projection unchanged.
 */
@FunctionalInterface
public interface ProjectionMapper {

  /** The projection to use at {@code layer}/{@code name} instead of {@code base}. */
  Projection map(int layer, ProjectionName name, Projection base);
}
