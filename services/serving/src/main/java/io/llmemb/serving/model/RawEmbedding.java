package io.llmemb.serving.model;

import java.util.List;
import java.util.Objects;

/**
 * An item's LLM embedding as published on {@code catalog.item_embeddings}, before PCA and adapter.
 *
 * @param vector the text model's output
 * @param llmVersion text model and revision that produced it
 */
public record RawEmbedding(float[] vector, String llmVersion) {

  /** Validates every component. */
  public RawEmbedding {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(llmVersion, "llmVersion");
  }

  /** From the Avro record's boxed float list. */
  public static RawEmbedding of(List<Float> vector, String llmVersion) {
    float[] v = new float[vector.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = vector.get(i);
    }
    return new RawEmbedding(v, llmVersion);
  }
}
