package io.llmemb.experiment.report;

import java.util.List;

/**
 * Mean and <em>sample</em> standard deviation (divisor n − 1) of one metric over seeds. With a
 * single seed the standard deviation is undefined and stored as NaN, which the table renders
 * without a "±" part.
 */
public record Summary(double mean, double std, int n) {

  /** Validates that at least one value was summarised. */
  public Summary {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
  }

  /** Summarises the values (one per seed). */
  public static Summary of(List<Double> values) {
    int n = values.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot summarise an empty list of values");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new Summary(mean, Double.NaN, 1);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new Summary(mean, Math.sqrt(squares / (n - 1)), n);
  }
}
