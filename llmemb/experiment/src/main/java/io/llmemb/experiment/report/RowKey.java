package io.llmemb.experiment.report;

import java.util.Comparator;
import java.util.List;

/**
 * One row of the paper-layout table: a backbone × variant (× encoder, since the encoders are
 * compared too). Rows sort by backbone, then "None", "LLMEmb", "Fused" before any other variant
 * (ablations alphabetically), then encoder.
 */
public record RowKey(String backbone, String variant, String encoder)
    implements Comparable<RowKey> {

  /** Variants that lead the table, in this order; the rest follow alphabetically. */
  public static final List<String> LEADING_VARIANTS =
      List.of(RunResult.BASELINE_VARIANT, "LLMEmb", "Fused");

  private static final Comparator<RowKey> ORDER =
      Comparator.comparing(RowKey::backbone)
          .thenComparingInt(RowKey::variantRank)
          .thenComparing(RowKey::variant)
          .thenComparing(RowKey::encoder);

  /** The row a run belongs to. */
  public static RowKey of(RunResult run) {
    return new RowKey(run.backbone(), run.variant(), run.encoder());
  }

  /** Whether this row is the plain backbone, the denominator of the gains. */
  public boolean isBaseline() {
    return RunResult.BASELINE_VARIANT.equals(variant);
  }

  /** A short label for plot axes: "SASRec/LLMEmb", with the encoder appended when one is used. */
  public String label() {
    return backbone + "/" + variant + ("-".equals(encoder) ? "" : " (" + encoder + ")");
  }

  private int variantRank() {
    int i = LEADING_VARIANTS.indexOf(variant);
    return i < 0 ? LEADING_VARIANTS.size() : i;
  }

  @Override
  public int compareTo(RowKey other) {
    return ORDER.compare(this, other);
  }
}
