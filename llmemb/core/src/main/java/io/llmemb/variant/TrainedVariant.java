package io.llmemb.variant;

import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import java.util.Objects;

/**
 * A model fresh from {@link Variant#train}.
 *
 * @param model the trained backbone, best validation weights loaded
 * @param result training curve, best epoch and why training stopped
 */
public record TrainedVariant(SequentialRecommender model, TrainResult result) {

  /** Validates the components. */
  public TrainedVariant {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(result, "result");
  }
}
