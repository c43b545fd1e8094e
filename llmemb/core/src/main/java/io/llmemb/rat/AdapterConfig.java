package io.llmemb.rat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shape of the RAT adapter (docs/llmemb-method.md §4): the frozen LLM table of width {@code
 * inputDim} goes through linear layers of the given {@code hiddenWidths} to the backbone's H. The
 * paper's adapter is one hidden layer of {@code inputDim / 2} with no activation and no dropout
 * ({@link #paper(int)}); the other settings are for the capacity experiments of
 * docs/llmemb-method.md §9.
 *
 * @param inputDim d, width of the (PCA-reduced) LLM table
 * @param hiddenWidths widths of the hidden layers, in order (empty = one linear map d → H)
 * @param activation between layers (never after the last)
 * @param dropout inverted dropout between layers while training (0 = none)
 * @param freezeLlm whether the LLM table stays fixed (the paper's {@code --freeze_emb}); false
 *     makes it a trainable parameter initialised from the LLM rows (the "w/o freeze" ablation)
 */
public record AdapterConfig(
    int inputDim,
    List<Integer> hiddenWidths,
    Activation activation,
    float dropout,
    boolean freezeLlm) {

  /** Std of the learned Bert4Rec [MASK] row's normal init (official Adapter.py: N(0, 0.01)). */
  public static final float MASK_INIT_STD = 0.01f;

  public AdapterConfig {
    if (inputDim < 1) {
      throw new IllegalArgumentException("adapter inputDim must be >= 1, was " + inputDim);
    }
    hiddenWidths = List.copyOf(hiddenWidths);
    if (hiddenWidths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "adapter hidden widths must be >= 1, were " + hiddenWidths);
    }
    if (activation == null) {
      throw new IllegalArgumentException(
          "adapter activation must be one of " + Arrays.toString(Activation.values()));
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("adapter dropout must be in [0, 1), was " + dropout);
    }
  }

  /** The paper's adapter: d → d/2 → H, no activation, no dropout, frozen LLM table. */
  public static AdapterConfig paper(int inputDim) {
    return new AdapterConfig(
        inputDim, List.of(Math.max(1, inputDim / 2)), Activation.NONE, 0f, true);
  }

  /** This config with the LLM table frozen or trainable. */
  public AdapterConfig withFreezeLlm(boolean freeze) {
    return new AdapterConfig(inputDim, hiddenWidths, activation, dropout, freeze);
  }

  /**
   * Parses a comma-separated width list; {@code paper} or empty gives the paper's {@code [d/2]},
   * {@code none} gives no hidden layer.
   */
  public static List<Integer> parseWidths(String text, int inputDim) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("paper")) {
      return List.of(Math.max(1, inputDim / 2));
    }
    if (t.equals("none")) {
      return List.of();
    }
    try {
      return Arrays.stream(t.split(",")).map(String::trim).map(Integer::parseInt).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "adapter widths must be 'paper', 'none' or integers like 64,64; got '" + text + "'");
    }
  }

  /** Non-linearity between adapter layers. */
  public enum Activation {
    /**
     * Identity: the paper's adapter (two linear maps compose to one of rank ≤ the hidden width).
     */
    NONE,
    /** Gaussian error linear unit. */
    GELU,
    /** Rectified linear unit. */
    RELU;

    /** Parses {@code none|gelu|relu}, naming the accepted values on error. */
    public static Activation parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown adapter activation '"
                + name
                + "', expected one of "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
      }
    }
  }
}
