package io.llmemb.experiment.report;

import java.util.List;

/**
 * The content of {@code results.json}: enough to regenerate a report without rerunning anything.
 */
public record ReportData(DatasetFacts dataset, List<RunResult> runs) {

  /** Validates and copies the runs. */
  public ReportData {
    if (dataset == null) {
      throw new IllegalArgumentException("dataset must be non-null");
    }
    runs = List.copyOf(runs == null ? List.of() : runs);
  }
}
