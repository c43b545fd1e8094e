package io.llmemb.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks the docs/llmemb-method.md §8 ("What to compare") and the fused model's targets
 * (docs/llmemb-method.md §10) ask of every non-"None" row, on HR@10 means: overall not below None
 * (and at worst one None seed std below it), tail above None, tail gain larger than overall gain,
 * tail at least ×2 None; ablations ("w/o ...") must fall below the same backbone's LLMEmb on the
 * tail. Each answer is "yes", "no", or "—" when a needed cell is missing.
 */
public final class ComparisonChecks {

  /** Answer strings. */
  public static final String YES = "yes";

  /** Answer strings. */
  public static final String NO = "no";

  /** Tail ratio the issue-9 target asks for. */
  public static final double TAIL_RATIO_TARGET = 2.0;

  /** Variant label prefix of an ablation. */
  public static final String ABLATION_PREFIX = "w/o";

  /** The variant ablations are compared with. */
  public static final String FULL_VARIANT = "LLMEmb";

  private static final String OVERALL = "overall.hr@10";
  private static final String TAIL = "tail.hr@10";

  private ComparisonChecks() {}

  /** One row per non-"None" row of the table. */
  public static Block.Table table(ResultTable t) {
    List<String> header =
        List.of(
            "Backbone",
            "Variant",
            "Encoder",
            "Overall ≥ None",
            "Overall ≥ None − 1 std",
            "Tail > None",
            "Tail gain > overall gain",
            "Tail ≥ ×2 None",
            "Ablation: tail < LLMEmb");
    List<List<String>> rows = new ArrayList<>();
    for (RowKey row : t.rows()) {
      if (row.isBaseline()) {
        continue;
      }
      Optional<Summary> base = baseline(t, row, OVERALL);
      Optional<Summary> x = t.cell(row, OVERALL);
      Optional<Double> overallGain = t.gain(row, OVERALL);
      Optional<Double> tailGain = t.gain(row, TAIL);
      rows.add(
          List.of(
              row.backbone(),
              row.variant(),
              row.encoder(),
              answer(overallGain.map(g -> g >= 0)),
              answer(
                  x.flatMap(
                      v ->
                          base.map(
                              b -> v.mean() >= b.mean() - (Double.isNaN(b.std()) ? 0 : b.std())))),
              answer(tailGain.map(g -> g > 0)),
              answer(tailGain.flatMap(tg -> overallGain.map(og -> tg > og))),
              answer(tailGain.map(g -> g + 1 >= TAIL_RATIO_TARGET)),
              row.variant().startsWith(ABLATION_PREFIX)
                  ? answer(belowFull(t, row))
                  : TableBlocks.MISSING));
    }
    return new Block.Table(header, rows);
  }

  private static Optional<Summary> baseline(ResultTable t, RowKey row, String column) {
    return t.rows().stream()
        .filter(r -> r.isBaseline() && r.backbone().equals(row.backbone()))
        .findFirst()
        .flatMap(r -> t.cell(r, column));
  }

  private static Optional<Boolean> belowFull(ResultTable t, RowKey ablation) {
    Optional<Summary> full =
        t.rows().stream()
            .filter(
                r ->
                    r.backbone().equals(ablation.backbone())
                        && r.variant().equals(FULL_VARIANT)
                        && r.encoder().equals(ablation.encoder()))
            .findFirst()
            .flatMap(r -> t.cell(r, TAIL));
    return t.cell(ablation, TAIL).flatMap(a -> full.map(f -> a.mean() < f.mean()));
  }

  private static String answer(Optional<Boolean> ok) {
    return ok.map(b -> b ? YES : NO).orElse(TableBlocks.MISSING);
  }
}
