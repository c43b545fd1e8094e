package io.llmemb.cli;

import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.TextViewSettings;
import picocli.CommandLine.Option;

/**
 * Text-view options shared by {@code rat} and {@code fuse} (picocli mixin): the adapter's capacity
 * and the alignment loss, as data ({@link TextViewSettings}), so a fused run and a RAT run read the
 * same.
 */
public final class TextViewOptions {

  @Option(
      names = "--adapter-widths",
      defaultValue = "paper",
      description =
          "Adapter hidden widths, e.g. 256 or 256,128; 'paper' = [d/2], 'none' = one linear map "
              + "(default: ${DEFAULT-VALUE}).")
  String adapterWidths;

  @Option(
      names = "--adapter-activation",
      defaultValue = "none",
      description = "none | gelu | relu between adapter layers (default: ${DEFAULT-VALUE}).")
  String adapterActivation;

  @Option(
      names = "--adapter-dropout",
      defaultValue = "0",
      description = "Dropout between adapter layers.")
  float adapterDropout;

  @Option(
      names = "--alpha",
      defaultValue = "" + AlignmentLoss.DEFAULT_ALPHA,
      description =
          "Weight of the alignment loss on the text view; 0 = none (default: ${DEFAULT-VALUE}).")
  float alpha;

  @Option(
      names = "--tau",
      defaultValue = "" + AlignmentLoss.DEFAULT_TAU,
      description = "Temperature of the alignment loss (default: ${DEFAULT-VALUE}).")
  float tau;

  @Option(
      names = "--max-align-rows",
      defaultValue = "0",
      description = "Cap on aligned label rows per batch, 0 = all (default).")
  int maxAlignRows;

  /**
   * The text-view settings these options describe.
   *
   * @param freezeLlm whether the LLM table stays frozen (the paper's default; {@code fuse} always
   *     freezes it, its trainable item signal being the ID view)
   */
  public TextViewSettings settings(boolean freezeLlm) {
    return new TextViewSettings(
        adapterWidths,
        AdapterConfig.Activation.parse(adapterActivation),
        adapterDropout,
        freezeLlm,
        alpha,
        tau,
        maxAlignRows);
  }
}
