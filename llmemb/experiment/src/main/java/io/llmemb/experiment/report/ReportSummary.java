package io.llmemb.experiment.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ReportWriter} wrote: the three documents, the plots, and the number of empty table
 * cells per protocol (a complete experiment has none, which a test can assert).
 */
public record ReportSummary(
    Path markdown,
    Path html,
    Path json,
    List<Path> plots,
    Map<String, Integer> missingCellsByProtocol) {

  /** Copies the collections. */
  public ReportSummary {
    plots = List.copyOf(plots);
    missingCellsByProtocol = Map.copyOf(missingCellsByProtocol);
  }

  /** Empty cells over all protocols' value tables. */
  public int missingCells() {
    return missingCellsByProtocol.values().stream().mapToInt(Integer::intValue).sum();
  }
}
