package io.llmemb.experiment;

import io.llmemb.experiment.report.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The variants the experiment can run, by {@code --variants} name, and the rows a configuration
 * asks for: the named variants in order, then one row per ablation. Adding a variant is one entry
 * in {@link #KNOWN}.
 */
public final class Variants {

  /** {@code --variants} name of the plain backbone. */
  public static final String NONE = "none";

  /** {@code --variants} name of the paper's method (RAT on SCFT embeddings). */
  public static final String LLMEMB = "llmemb";

  /** {@code --variants} name of the fused ID + text representation (docs/llmemb-method.md §10). */
  public static final String FUSED = "fused";

  /**
   * {@code --variants} name of the fused representation over embeddings without SCFT (SCFT off).
   */
  public static final String FUSED_RAW = "fused-raw";

  /** Name → factory, in report order. */
  private static final Map<String, Supplier<VariantRow>> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put(NONE, VariantRow::plain);
    KNOWN.put(LLMEMB, VariantRow::llmemb);
    KNOWN.put(FUSED, () -> VariantRow.fused(true));
    KNOWN.put(FUSED_RAW, () -> VariantRow.fused(false));
  }

  private Variants() {}

  /** The accepted {@code --variants} names. */
  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }

  /**
   * The trainers of every row the configuration asks for; the plain backbone is always first (gains
   * need it).
   */
  public static List<VariantRow> forConfig(ExperimentConfig config) {
    List<VariantRow> out = new ArrayList<>();
    out.add(VariantRow.plain());
    // ExperimentConfig has validated the names.
    config.variants().stream()
        .filter(n -> !n.equals(NONE))
        .forEach(n -> out.add(KNOWN.get(n).get()));
    config.ablations().forEach(a -> out.add(VariantRow.without(a)));
    return out;
  }

  /** Whether {@code v} is the plain backbone row. */
  static boolean isPlain(VariantRow v) {
    return RunResult.BASELINE_VARIANT.equals(v.label());
  }
}
