package io.llmemb.training;

/**
 * Optimisation settings (docs/llmemb-method.md §4 "Optimisation" and §8).
 *
 * @param learningRate Adam learning rate, constant (default {@value #DEFAULT_LR}; §7.9: never
 *     decayed)
 * @param batchSize training samples per step (default {@value #DEFAULT_BATCH})
 * @param maxEpochs epoch limit (default {@value #DEFAULT_MAX_EPOCHS})
 * @param patience epochs without a strictly higher validation NDCG@10 before stopping (default
 *     {@value #DEFAULT_PATIENCE}, the official value)
 * @param seed seed of shuffling, negatives, masks and validation negatives
 * @param minEpochs patience cannot stop a run before this epoch (default {@value
 *     #DEFAULT_MIN_EPOCHS}): validation NDCG@10 can sit on a popularity plateau for longer than the
 *     official patience before training escapes it
 * @param validation the candidate set of validation NDCG@10 (default {@link #DEFAULT_VALIDATION})
 */
public record TrainConfig(
    double learningRate,
    int batchSize,
    int maxEpochs,
    int patience,
    long seed,
    int minEpochs,
    Validation validation) {

  /** Official Adam learning rate. */
  public static final double DEFAULT_LR = 1e-3;

  /** Official batch size. */
  public static final int DEFAULT_BATCH = 128;

  /** Official epoch limit. */
  public static final int DEFAULT_MAX_EPOCHS = 200;

  /** Official early-stopping patience. */
  public static final int DEFAULT_PATIENCE = 20;

  /**
   * Epochs before patience may stop a run, for the commands and experiment profiles. Measured on
   * the default data (SASRec, validation NDCG@10): the popularity plateau (≈ 0.20–0.22) lasted
   * until epoch 35 with dropout 0.5 and until epoch 25 with dropout 0.2 under the cold-item
   * protocol; 50 leaves a margin for seeds that escape later.
   */
  public static final int DEFAULT_MIN_EPOCHS = 50;

  /**
   * Label of the validation of the commands, experiment profiles and the trainer service (a
   * constant, so options and configuration can name it as their default): 100 negatives drawn once
   * per run. Measured on the default data (SASRec, seeds 42–44, docs/llmemb-method.md §13.1) it
   * kept models at least as good as the official redraw on every test metric, and full-ranking
   * validation kept clearly worse ones (its curve rests on a few dozen hits, so patience ends runs
   * early).
   */
  public static final String DEFAULT_VALIDATION_LABEL = "sampled";

  /** The validation {@link #DEFAULT_VALIDATION_LABEL} names. */
  public static final Validation DEFAULT_VALIDATION = Validation.parse(DEFAULT_VALIDATION_LABEL);

  /**
   * Without a minimum: the official early stopping, patience alone on resampled negatives (tests
   * and callers with tiny budgets).
   */
  public TrainConfig(double learningRate, int batchSize, int maxEpochs, int patience, long seed) {
    this(learningRate, batchSize, maxEpochs, patience, seed, 0);
  }

  /** The official early stopping (resampled negatives) after a minimum number of epochs. */
  public TrainConfig(
      double learningRate, int batchSize, int maxEpochs, int patience, long seed, int minEpochs) {
    this(
        learningRate,
        batchSize,
        maxEpochs,
        patience,
        seed,
        minEpochs,
        Validation.SAMPLED_RESAMPLED);
  }

  public TrainConfig {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("maxEpochs must be >= 1, was " + maxEpochs);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, was " + patience);
    }
    if (minEpochs < 0) {
      throw new IllegalArgumentException("minEpochs must be >= 0, was " + minEpochs);
    }
    if (validation == null) {
      throw new IllegalArgumentException(
          "validation must be one of full, sampled, sampled-resampled");
    }
  }

  /** The same settings with another minimum epoch count. */
  public TrainConfig withMinEpochs(int epochs) {
    return new TrainConfig(learningRate, batchSize, maxEpochs, patience, seed, epochs, validation);
  }

  /** The same settings validated on another candidate set. */
  public TrainConfig withValidation(Validation v) {
    return new TrainConfig(learningRate, batchSize, maxEpochs, patience, seed, minEpochs, v);
  }

  /** Defaults with the given seed. */
  public static TrainConfig defaults(long seed) {
    return new TrainConfig(
        DEFAULT_LR,
        DEFAULT_BATCH,
        DEFAULT_MAX_EPOCHS,
        DEFAULT_PATIENCE,
        seed,
        DEFAULT_MIN_EPOCHS,
        DEFAULT_VALIDATION);
  }
}
