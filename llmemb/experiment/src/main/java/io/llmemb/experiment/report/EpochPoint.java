package io.llmemb.experiment.report;

/**
 * One point of a training curve: the epoch's mean training loss, the validation NDCG@10 measured
 * after it, and the wall-clock seconds since training started.
 */
public record EpochPoint(int epoch, double loss, double valNdcg, double seconds) {

  /**
   * Validates the components; NaN loss is allowed (an epoch may report no loss) but not a negative
   * epoch.
   */
  public EpochPoint {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(
          "seconds must be >= 0, got " + seconds + " (epoch " + epoch + ")");
    }
  }
}
