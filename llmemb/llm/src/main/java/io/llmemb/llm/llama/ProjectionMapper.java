package io.llmemb.llm.llama;

/**
 * Replaces projections of a loaded decoder, e.g. {@code (layer, name, base) -> new LoraProjection(base, ...)}.
 * Returning {@code base} leaves a projection unchanged.
 */
@FunctionalInterface
public interface ProjectionMapper {

  /** The projection to use at {@code layer}/{@code name} instead of {@code base}. */
  Projection map(int layer, ProjectionName name, Projection base);
}
