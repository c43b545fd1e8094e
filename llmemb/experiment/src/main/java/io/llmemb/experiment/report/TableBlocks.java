package io.llmemb.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Turns a {@link ResultTable} into the two tables of the paper's layout (docs/llmemb-method.md §6):
 * values as mean ± sample std over seeds, and relative gains over the same backbone's "None" row.
 */
public final class TableBlocks {

  /** Rendered for a cell no run measured; {@link ResultTable#missingCells()} counts them. */
  public static final String MISSING = "—";

  /** Column header of the number of seeds behind a row. */
  public static final String SEEDS_HEADER = "Seeds";

  private TableBlocks() {}

  /**
   * Values: "0.5940 ± 0.0123" (4 decimals; no "±" part for a single seed), plus the seed count per
   * row.
   */
  public static Block.Table values(ResultTable table) {
    return build(
        table,
        table.rows(),
        (row, column) -> table.cell(row, column).map(TableBlocks::formatSummary).orElse(MISSING),
        true);
  }

  /**
   * Gains of every non-"None" row over its backbone's "None" row, as formatted by {@link
   * RelativeGain}.
   */
  public static Block.Table gains(ResultTable table) {
    List<RowKey> rows = table.rows().stream().filter(r -> !r.isBaseline()).toList();
    return build(
        table,
        rows,
        (row, column) -> table.gain(row, column).map(RelativeGain::format).orElse(MISSING),
        false);
  }

  /** A column header such as "Tail H@10" for {@code tail.hr@10}. */
  public static String header(String column) {
    int dot = column.indexOf('.');
    String group = column.substring(0, dot);
    String metric = column.substring(dot + 1).replace("hr@", "H@").replace("ndcg@", "N@");
    return Character.toUpperCase(group.charAt(0)) + group.substring(1) + " " + metric;
  }

  static String formatSummary(Summary s) {
    if (Double.isNaN(s.std())) {
      return String.format(Locale.ROOT, "%.4f", s.mean());
    }
    return String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std());
  }

  private static Block.Table build(
      ResultTable table,
      List<RowKey> rows,
      BiFunction<RowKey, String, String> cell,
      boolean withSeeds) {
    List<String> header = new ArrayList<>(List.of("Backbone", "Variant", "Encoder"));
    table.columns().forEach(c -> header.add(header(c)));
    if (withSeeds) {
      header.add(SEEDS_HEADER);
    }
    List<List<String>> out = new ArrayList<>();
    for (RowKey row : rows) {
      List<String> cells =
          new ArrayList<>(List.of(row.backbone(), variantLabel(table, row), row.encoder()));
      table.columns().forEach(c -> cells.add(cell.apply(row, c)));
      if (withSeeds) {
        cells.add(seeds(table.seedCounts(row)));
      }
      out.add(cells);
    }
    return new Block.Table(header, out);
  }

  /**
   * The variant, marked when any of its seeds diverged: its mean mixes in a run stopped by a
   * blow-up.
   */
  static String variantLabel(ResultTable table, RowKey row) {
    int n = table.divergedRuns(row);
    return n == 0 ? row.variant() : row.variant() + " " + DIVERGED_MARK + n + " diverged";
  }

  /** Marks a row with a diverged run. */
  public static final String DIVERGED_MARK = "⚠";

  private static String seeds(TreeSet<Integer> counts) {
    if (counts.isEmpty()) {
      return "0";
    }
    return counts.size() == 1 ? counts.first().toString() : counts.first() + "–" + counts.last();
  }
}
