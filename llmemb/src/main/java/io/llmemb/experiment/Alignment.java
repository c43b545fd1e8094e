package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.srs.AuxiliaryLoss;
import io.llmemb.srs.SequentialRecommender;
import java.util.Map;

/** The RAT alignment term, from branch {@code rat}'s {@code AlignmentLoss} (not merged yet). */
final class Alignment {

  private Alignment() {}

  /** α and τ, hashed into the variant's key. */
  static Map<String, Object> settings() {
    return Map.of();
  }

  /** The alignment loss of {@code model} against the pre-trained SASRec of the context. */
  static AuxiliaryLoss loss(SequentialRecommender model, VariantContext c, NDManager manager) {
    throw new UnsupportedOperationException("the alignment loss needs branch rat's AlignmentLoss, not merged yet");
  }
}
