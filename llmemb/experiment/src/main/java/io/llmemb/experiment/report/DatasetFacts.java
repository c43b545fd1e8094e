package io.llmemb.experiment.report;

/**
 * The dataset facts docs/llmemb-method.md asks every report to state (§8): size after
 * preprocessing, the tail threshold (items with fewer than {@code tailThreshold} distinct users are
 * tail, §1) and how many test cases have a tail target.
 */
public record DatasetFacts(
    String name, int users, int items, long interactions, int tailThreshold, int tailTestCases) {

  /** Validates the components and names the bad one. */
  public DatasetFacts {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("dataset name must be non-blank");
    }
    requireNonNegative("users", users);
    requireNonNegative("items", items);
    requireNonNegative("interactions", interactions);
    requireNonNegative("tailThreshold", tailThreshold);
    requireNonNegative("tailTestCases", tailTestCases);
  }

  private static void requireNonNegative(String component, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(component + " must be >= 0, got " + value);
    }
  }
}
