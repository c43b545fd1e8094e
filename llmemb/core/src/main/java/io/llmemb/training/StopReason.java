package io.llmemb.training;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why {@link Trainer#fit} stopped. Run files record it as {@code stoppedBy}; a diverged run is kept
 * (its best validated epoch is a usable model) but must never be mistaken for a converged one.
 */
public enum StopReason {

  /** Validation NDCG@10 did not improve for {@code patience} counted epochs. */
  PATIENCE("patience"),
  /** A training batch produced a non-finite loss or gradient; the best epoch before it was kept. */
  DIVERGENCE("divergence"),
  /** The epoch limit was reached. */
  MAX_EPOCHS("maxEpochs");

  private final String label;

  StopReason(String label) {
    this.label = label;
  }

  /** The name in run files and reports. */
  @JsonValue
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
