package io.llmemb.rat;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainingObjective;
import io.llmemb.training.TrainConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a RAT run is configured by (docs/llmemb-method.md §4, §8), as data.
 *
 * @param backbone {@code sasrec}, {@code gru4rec} or {@code bert4rec}
 * @param backboneConfig backbone hyperparameters (H must equal the pre-trained SASRec's)
 * @param objective next-item objective for sasrec/gru4rec; null = the backbone's default (bert4rec:
 *     must be null)
 * @param train optimisation and early stopping
 * @param adapter adapter shape and whether the LLM table is frozen
 * @param alpha weight α of the alignment loss (0 = the "w/o align" ablation)
 * @param tau temperature τ of the alignment loss
 * @param maxAlignRows cap on aligned label rows per batch, 0 = all (faithful; a cap is a documented
 *     deviation)
 */
public record RatConfig(
    String backbone,
    BackboneConfig backboneConfig,
    TrainingObjective objective,
    TrainConfig train,
    AdapterConfig adapter,
    float alpha,
    float tau,
    int maxAlignRows) {

  public RatConfig {
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(backboneConfig, "backboneConfig");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(adapter, "adapter");
    if (!(alpha >= 0) || !(tau > 0) || maxAlignRows < 0) {
      throw new IllegalArgumentException(
          "need alpha >= 0, tau > 0, maxAlignRows >= 0; got "
              + alpha
              + ", "
              + tau
              + ", "
              + maxAlignRows);
    }
  }

  /**
   * The paper's RAT: the paper adapter over a d-wide table, α = 0.01, τ = 2, every label row
   * aligned.
   */
  public static RatConfig paper(
      String backbone, BackboneConfig backboneConfig, TrainConfig train, int llmDim) {
    return new RatConfig(
        backbone,
        backboneConfig,
        null,
        train,
        AdapterConfig.paper(llmDim),
        AlignmentLoss.DEFAULT_ALPHA,
        AlignmentLoss.DEFAULT_TAU,
        0);
  }

  /** The objective, when one was chosen. */
  public Optional<TrainingObjective> objectiveOption() {
    return Optional.ofNullable(objective);
  }
}
