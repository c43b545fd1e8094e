package io.llmemb.experiment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The paper-layout results of one protocol (docs/llmemb-method.md §6): rows backbone × variant, one
 * column per metric key (e.g. {@code overall.hr@10}), each cell the {@link Summary} over seeds, or
 * absent when no run measured it.
 */
public final class ResultTable {

  /**
   * Metric groups shown as columns, in order, when at least one run of the protocol reports them.
   */
  public static final List<String> GROUPS = List.of("overall", "tail", "cold");

  /** Metrics shown per group. */
  public static final List<String> METRICS = List.of("hr@10", "ndcg@10");

  private final String protocol;
  private final List<String> columns;
  private final Map<RowKey, Map<String, Summary>> cells;
  private final Map<RowKey, Integer> diverged;

  private ResultTable(
      String protocol,
      List<String> columns,
      Map<RowKey, Map<String, Summary>> cells,
      Map<RowKey, Integer> diverged) {
    this.protocol = protocol;
    this.columns = List.copyOf(columns);
    this.cells = cells;
    this.diverged = diverged;
  }

  /** Builds the table of one protocol from all runs; runs of other protocols are ignored. */
  public static ResultTable build(String protocol, List<RunResult> runs) {
    List<RunResult> mine = runs.stream().filter(r -> r.protocol().equals(protocol)).toList();
    List<String> columns = new ArrayList<>();
    for (String group : GROUPS) {
      boolean present =
          mine.stream()
              .anyMatch(
                  r -> r.metrics().keySet().stream().anyMatch(k -> k.startsWith(group + ".")));
      if (present) {
        METRICS.forEach(m -> columns.add(group + "." + m));
      }
    }
    Map<RowKey, Map<String, List<Double>>> values = new TreeMap<>();
    Map<RowKey, Integer> diverged = new TreeMap<>();
    for (RunResult run : mine) {
      if (run.diverged()) {
        diverged.merge(RowKey.of(run), 1, Integer::sum);
      }
      Map<String, List<Double>> row =
          values.computeIfAbsent(RowKey.of(run), k -> new LinkedHashMap<>());
      for (String column : columns) {
        Double v = run.metric(column);
        if (v != null) {
          row.computeIfAbsent(column, c -> new ArrayList<>()).add(v);
        }
      }
    }
    Map<RowKey, Map<String, Summary>> cells = new TreeMap<>();
    values.forEach(
        (row, byColumn) -> {
          Map<String, Summary> summaries = new LinkedHashMap<>();
          byColumn.forEach((column, list) -> summaries.put(column, Summary.of(list)));
          cells.put(row, summaries);
        });
    return new ResultTable(protocol, columns, cells, diverged);
  }

  /** The protocol label, e.g. "sampled-100". */
  public String protocol() {
    return protocol;
  }

  /** Metric keys shown as columns, in order. */
  public List<String> columns() {
    return columns;
  }

  /** Rows in report order. */
  public List<RowKey> rows() {
    return List.copyOf(cells.keySet());
  }

  /** The summary of one cell, empty when no run of that row measured the column. */
  public Optional<Summary> cell(RowKey row, String column) {
    return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(column));
  }

  /**
   * The gain of a cell's mean over the same backbone's "None" row, empty for a baseline row or when
   * either cell is missing. Several "None" rows of one backbone (one per encoder) would be
   * ambiguous, so the first in order is used.
   */
  public Optional<Double> gain(RowKey row, String column) {
    if (row.isBaseline()) {
      return Optional.empty();
    }
    Optional<RowKey> base =
        cells.keySet().stream()
            .filter(k -> k.isBaseline() && k.backbone().equals(row.backbone()))
            .findFirst();
    Optional<Summary> x = cell(row, column);
    Optional<Summary> b = base.flatMap(k -> cell(k, column));
    if (x.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(RelativeGain.of(x.get().mean(), b.get().mean()));
  }

  /**
   * The distinct numbers of seeds among this row's cells (one value when the row is complete and
   * uniform).
   */
  public TreeSet<Integer> seedCounts(RowKey row) {
    TreeSet<Integer> out = new TreeSet<>();
    cells.getOrDefault(row, Map.of()).values().forEach(s -> out.add(s.n()));
    return out;
  }

  /** How many of this row's runs stopped on a non-finite loss or gradient. */
  public int divergedRuns(RowKey row) {
    return diverged.getOrDefault(row, 0);
  }

  /** How many row × column cells have no value; a complete experiment has none. */
  public int missingCells() {
    int missing = 0;
    for (RowKey row : cells.keySet()) {
      for (String column : columns) {
        if (cell(row, column).isEmpty()) {
          missing++;
        }
      }
    }
    return missing;
  }
}
