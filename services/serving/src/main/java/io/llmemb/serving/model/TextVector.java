package io.llmemb.serving.model;

import io.llmemb.eval.ContentScorer;
import java.util.Objects;
import java.util.Optional;

/**
 * An item's text embedding scaled to unit length, for content similarity between items (the
 * exploration slots' content order, docs/architecture.md). Vectors of different text models are not
 * comparable: {@link #comparable} says when a similarity means something.
 *
 * @param unit the embedding divided by its length
 * @param llmVersion the text model that produced it
 */
public record TextVector(float[] unit, String llmVersion) {

  public TextVector {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(llmVersion, "llmVersion");
  }

  /** The unit vector of {@code raw}, or empty when it has no direction (all zero, non-finite). */
  public static Optional<TextVector> of(RawEmbedding raw) {
    float[] v = raw.vector();
    return ContentScorer.unit(v, 0, v.length).map(unit -> new TextVector(unit, raw.llmVersion()));
  }

  /** Whether the two come from the same text model (and so have the same width). */
  public boolean comparable(TextVector other) {
    return llmVersion.equals(other.llmVersion) && unit.length == other.unit.length;
  }

  /** {@code this · other}; the caller checks {@link #comparable} first. */
  public float dot(float[] other) {
    float s = 0;
    for (int i = 0; i < unit.length; i++) {
      s += unit[i] * other[i];
    }
    return s;
  }
}
