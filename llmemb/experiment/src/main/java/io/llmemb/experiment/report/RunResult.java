package io.llmemb.experiment.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one training run (one backbone, variant, encoder and seed) evaluated under one
 * protocol.
 *
 * <p>{@code metrics} keys are {@code <group>.<metric>@<k>}, e.g. {@code overall.hr@10}, {@code
 * tail.ndcg@10}, {@code cold.hr@10}; {@code groupCounts} holds the number of test cases per group
 * (e.g. {@code tail -> 313}). {@code hrByPopularityBucket} maps a bucket label such as {@code
 * "0-4"} or {@code "36+"} to HR@10 on the test cases whose target falls in that popularity bucket.
 * Maps are copied into sorted maps so output is deterministic.
 *
 * @param variant "None" for the plain backbone, "LLMEmb", "Fused" or an ablation such as "w/o SCFT"
 * @param encoder the text encoder id, or "-" for runs that use none (the plain backbone)
 * @param protocol one of {@link #PROTOCOLS} or another label; reports order known protocols first
 * @param stoppedBy why the run's training ended ({@code patience}, {@code divergence}, {@code
 *     maxEpochs}); empty when unknown (results written before it was recorded)
 */
public record RunResult(
    String backbone,
    String variant,
    String encoder,
    long seed,
    String protocol,
    Map<String, Double> metrics,
    Map<String, Integer> groupCounts,
    List<EpochPoint> curve,
    Map<String, Double> hrByPopularityBucket,
    String stoppedBy) {

  /** The variant label of the plain backbone, the denominator of every relative gain. */
  public static final String BASELINE_VARIANT = "None";

  /** Protocols the project runs, in report order. */
  public static final List<String> PROTOCOLS =
      List.of("sampled-100", "full", "cold-sampled", "cold-full");

  /** {@link #stoppedBy} of a run that stopped on a non-finite loss or gradient. */
  public static final String DIVERGED = "divergence";

  /** A run whose stop reason is not known. */
  public RunResult(
      String backbone,
      String variant,
      String encoder,
      long seed,
      String protocol,
      Map<String, Double> metrics,
      Map<String, Integer> groupCounts,
      List<EpochPoint> curve,
      Map<String, Double> hrByPopularityBucket) {
    this(
        backbone,
        variant,
        encoder,
        seed,
        protocol,
        metrics,
        groupCounts,
        curve,
        hrByPopularityBucket,
        "");
  }

  /** Validates the components and copies the collections into immutable, key-sorted forms. */
  public RunResult {
    stoppedBy = Objects.requireNonNullElse(stoppedBy, "");
    requireText("backbone", backbone);
    requireText("variant", variant);
    requireText("encoder", encoder);
    requireText("protocol", protocol);
    metrics = sortedCopy("metrics", metrics);
    groupCounts = sortedCopy("groupCounts", groupCounts);
    curve = List.copyOf(Objects.requireNonNullElse(curve, List.of()));
    hrByPopularityBucket = sortedCopy("hrByPopularityBucket", hrByPopularityBucket);
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "metrics["
                + e.getKey()
                + "] must be finite, got "
                + e.getValue()
                + " ("
                + backbone
                + "/"
                + variant
                + " seed "
                + seed
                + ")");
      }
    }
  }

  /**
   * Whether the run's training stopped on a non-finite loss or gradient (its numbers are a
   * pre-blow-up epoch's).
   */
  public boolean diverged() {
    return DIVERGED.equals(stoppedBy);
  }

  /** The metric value, or {@code null} when this run did not measure it. */
  public Double metric(String key) {
    return metrics.get(key);
  }

  private static void requireText(String component, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(component + " must be non-blank");
    }
  }

  private static <V> Map<String, V> sortedCopy(String component, Map<String, V> in) {
    TreeMap<String, V> out = new TreeMap<>();
    if (in != null) {
      in.forEach(
          (k, v) ->
              out.put(
                  Objects.requireNonNull(k, component + " key"),
                  Objects.requireNonNull(v, component + "[" + k + "] value")));
    }
    return java.util.Collections.unmodifiableSortedMap(out);
  }
}
