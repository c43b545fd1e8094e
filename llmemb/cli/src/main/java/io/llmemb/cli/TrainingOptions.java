package io.llmemb.cli;

import io.llmemb.training.TrainConfig;
import io.llmemb.training.Validation;
import picocli.CommandLine.Option;

/** Optimisation and early-stopping options shared by the training commands (picocli mixin). */
public final class TrainingOptions {

  @Option(
      names = "--lr",
      defaultValue = "" + TrainConfig.DEFAULT_LR,
      description = "Adam learning rate, constant (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--batch-size",
      defaultValue = "" + TrainConfig.DEFAULT_BATCH,
      description = "Training sequences per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--epochs",
      defaultValue = "" + TrainConfig.DEFAULT_MAX_EPOCHS,
      description = "Most epochs; early stopping usually ends sooner (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--patience",
      defaultValue = "" + TrainConfig.DEFAULT_PATIENCE,
      description =
          "Stop after this many epochs without a better validation NDCG@10 (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(
      names = "--min-epochs",
      defaultValue = "" + TrainConfig.DEFAULT_MIN_EPOCHS,
      description =
          "Patience cannot stop a run before this epoch: validation can sit on a plateau for longer than "
              + "the patience (default: ${DEFAULT-VALUE}).")
  int minEpochs;

  @Option(
      names = "--validation",
      defaultValue = TrainConfig.DEFAULT_VALIDATION_LABEL,
      description =
          "Candidates of validation NDCG@10, which picks the best epoch and drives early stopping: sampled "
              + "(100 negatives drawn once per run), sampled-resampled (redrawn every epoch, the official "
              + "code) or full (every item, as serving ranks) (default: ${DEFAULT-VALUE}).")
  String validation;

  // A plain flag: picocli's negatable form of a default-true option left it true on --no-baselines.
  @Option(
      names = "--no-baselines",
      description = "Skip the popularity and random baselines (default: evaluate them).")
  boolean noBaselines;

  /** Whether the popularity and random baselines are evaluated beside the model. */
  public boolean noBaselines() {
    return noBaselines;
  }

  /** The optimisation settings with the run's seed. */
  public TrainConfig config(long seed) {
    return new TrainConfig(
        lr, batchSize, epochs, patience, seed, minEpochs, Validation.parse(validation));
  }
}
