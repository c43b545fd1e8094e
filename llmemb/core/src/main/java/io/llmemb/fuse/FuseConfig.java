package io.llmemb.fuse;

import java.util.Locale;

/**
 * How the fused item representation combines its two views (docs/llmemb-method.md §10), as data.
 *
 * @param mode how the views are combined (default {@link Mode#GATE})
 * @param gateSlopeInit initial per-dimension slope of the gate over {@code log1p(count)} (default
 *     {@value #DEFAULT_GATE_SLOPE})
 * @param gateBiasInit initial per-dimension gate bias (default {@value #DEFAULT_GATE_BIAS})
 * @param nullSpaceRank {@link Mode#NULL_SPACE}: text directions the ID view is kept out of; 0 =
 *     half the width
 * @param idDropout share of warm items whose ID view is dropped in each training forward pass, so
 *     those items are scored from their text view alone (DropoutNet's input dropout): the text view
 *     is trained as a representation that ranks on its own, which is what a cold or brand-new item
 *     has; 0 = off (bundles written before this setting read as 0)
 */
public record FuseConfig(
    Mode mode, float gateSlopeInit, float gateBiasInit, int nullSpaceRank, float idDropout) {

  /** The same settings without ID dropout. */
  public FuseConfig(Mode mode, float gateSlopeInit, float gateBiasInit, int nullSpaceRank) {
    this(mode, gateSlopeInit, gateBiasInit, nullSpaceRank, 0f);
  }

  /**
   * With slope 1 and bias 0 an item with 1 interaction starts at ID weight σ(log 2) ≈ 0.67, 100 at
   * ≈ 0.99.
   */
  public static final float DEFAULT_GATE_SLOPE = 1f;

  /** See {@link #DEFAULT_GATE_SLOPE}. */
  public static final float DEFAULT_GATE_BIAS = 0f;

  /**
   * Combination of the text view t and the ID view v of an item with training count c; w = [c > 0].
   */
  public enum Mode {
    /**
     * FAERec-style popularity gate: e = m ⊙ v + (1 − m) ⊙ t with m = σ(a·log1p(c) + b) · w, a and b
     * learned per dimension. At c = 0 the item is its text view exactly.
     */
    GATE,
    /**
     * LLM-ESR-style dual view: e = [w · v ; t], the ID view taking the first half of the width and
     * the text view the rest; no gate beyond w.
     */
    CONCAT,
    /**
     * AlphaFuse-style: e = t + w · v P, where P projects onto the orthogonal complement of the text
     * view's top {@code nullSpaceRank} directions (from the text table at construction), so the ID
     * view only adds what the text leaves unused.
     */
    NULL_SPACE,
    /**
     * Ablation: the text view alone (e = t), no ID view. With the paper's adapter this is RAT's
     * item table, run under the same trainer, cold-item handling and alignment as the fused modes,
     * so the comparison isolates the ID view.
     */
    TEXT;

    /**
     * Case-insensitive parse, accepting {@code null-space} for {@link #NULL_SPACE}; names the
     * accepted values.
     */
    public static Mode parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown fusion mode '" + name + "', expected gate | concat | null-space | text");
      }
    }
  }

  public FuseConfig {
    if (mode == null) {
      throw new IllegalArgumentException("mode must be gate, concat or null-space, was null");
    }
    if (!Float.isFinite(gateSlopeInit) || !Float.isFinite(gateBiasInit)) {
      throw new IllegalArgumentException(
          "gate initialisation must be finite, was " + gateSlopeInit + "/" + gateBiasInit);
    }
    if (!(idDropout >= 0 && idDropout < 1)) {
      throw new IllegalArgumentException("idDropout must be in [0, 1), was " + idDropout);
    }
    if (nullSpaceRank < 0) {
      throw new IllegalArgumentException(
          "nullSpaceRank must be >= 0 (0 = half the width), was " + nullSpaceRank);
    }
  }

  /** The default: the popularity gate. */
  public static FuseConfig defaults() {
    return of(Mode.GATE);
  }

  /**
   * ID dropout of a warm-started model: the warm start gives the ID view; the text view must learn
   * to rank.
   */
  public static final float WARM_START_ID_DROPOUT = 0.2f;

  /** Initial gate bias for a warm-started model: σ(3 + log1p(c)) ≥ 0.975 for every warm item. */
  public static final float WARM_START_GATE_BIAS = 3f;

  /**
   * The gate for a model warm-started from a trained ID model: every warm item starts within 2.5 %
   * of its ID row, so training starts at the ID model's accuracy (a gate at bias 0 mixes an
   * unaligned text vector into it and starts far below); Adam moves the bias where the text view
   * helps, and cold items are text alone either way.
   */
  public static FuseConfig warmStart() {
    return new FuseConfig(
        Mode.GATE, DEFAULT_GATE_SLOPE, WARM_START_GATE_BIAS, 0, WARM_START_ID_DROPOUT);
  }

  /** Defaults with another mode. */
  public static FuseConfig of(Mode mode) {
    return new FuseConfig(mode, DEFAULT_GATE_SLOPE, DEFAULT_GATE_BIAS, 0);
  }

  /**
   * Width of the ID view for a model of width {@code hidden} (0 in {@link Mode#TEXT}: no ID view).
   */
  public int idWidth(int hidden) {
    return switch (mode) {
      case CONCAT -> hidden / 2;
      case TEXT -> 0;
      default -> hidden;
    };
  }

  /** Width of the text view for a model of width {@code hidden}. */
  public int textWidth(int hidden) {
    return mode == Mode.CONCAT ? hidden - hidden / 2 : hidden;
  }
}
