package io.llmemb.trainer;

import io.llmemb.schemas.avro.ModelRelease;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a candidate model may replace the current release: it passes when its held-out
 * value of {@code metric} is at least the current release's value minus {@code margin}. With no
 * current release, or a current release that did not record the metric, the candidate passes (there
 * is nothing to be worse than).
 *
 * @param metric metric name as in {@code ModelRelease.metrics} (e.g. {@code ndcg@10})
 * @param margin tolerated drop, absolute (0.005 = half a point of NDCG)
 */
public record EvalGate(String metric, double margin) {

  /** The verdict and why, for the log and the metrics. */
  public record Decision(boolean accepted, String reason) {}

  /** Validates the components. */
  public EvalGate {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("gate metric must be non-blank");
    }
    if (margin < 0 || Double.isNaN(margin)) {
      throw new IllegalArgumentException("gate margin must be >= 0, was " + margin);
    }
  }

  /**
   * The verdict for a candidate with held-out {@code candidate} metrics against {@code current}.
   */
  public Decision decide(Map<String, Double> candidate, Optional<ModelRelease> current) {
    Double value = candidate.get(metric);
    if (value == null || value.isNaN()) {
      return new Decision(
          false, "candidate has no " + metric + " (metrics " + candidate.keySet() + ")");
    }
    if (current.isEmpty()) {
      return new Decision(true, "no current release; " + metric + " = " + fmt(value));
    }
    Double base = current.get().getMetrics().get(metric);
    if (base == null || base.isNaN()) {
      return new Decision(
          true, "current release " + current.get().getVersion() + " has no " + metric);
    }
    boolean ok = value >= base - margin;
    String how =
        current.get().getMetrics().containsKey(TrainingJob.REEVALUATED)
            ? "re-evaluated on this snapshot"
            : "recorded metric";
    return new Decision(
        ok,
        metric
            + " "
            + fmt(value)
            + (ok ? " >= " : " < ")
            + fmt(base)
            + " - "
            + fmt(margin)
            + " (current release "
            + current.get().getVersion()
            + ", "
            + how
            + ")");
  }

  private static String fmt(double d) {
    return String.format("%.4f", d);
  }
}
