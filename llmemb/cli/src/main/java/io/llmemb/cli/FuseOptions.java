package io.llmemb.cli;

import io.llmemb.fuse.FuseConfig;
import picocli.CommandLine.Option;

/**
 * Fusion options (picocli mixin): how the text and ID views are combined; see {@link FuseConfig}.
 */
public final class FuseOptions {

  @Option(
      names = "--fusion",
      defaultValue = "gate",
      description =
          "gate (count-gated ID/text mix) | concat (ID half + text half) | null-space (text + ID "
              + "outside the text's top directions) | text (ablation: text view only, the RAT table) "
              + "(default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--gate-slope",
      defaultValue = "" + FuseConfig.DEFAULT_GATE_SLOPE,
      description = "Initial gate slope over log1p(count) (default: ${DEFAULT-VALUE}).")
  float gateSlope;

  @Option(
      names = "--gate-bias",
      defaultValue = "" + FuseConfig.DEFAULT_GATE_BIAS,
      description = "Initial gate bias (default: ${DEFAULT-VALUE}).")
  float gateBias;

  @Option(
      names = "--null-space-rank",
      defaultValue = "0",
      description =
          "null-space: text directions kept free of the ID view; 0 = half the width (default).")
  int nullSpaceRank;

  @Option(
      names = "--id-dropout",
      defaultValue = "0",
      description =
          "Share of warm items scored from their text view alone in each training pass, so the text view "
              + "learns to rank as a cold item needs (0.2 with --warm-start in the experiment; default: ${DEFAULT-VALUE}).")
  float idDropout;

  /** The configuration these options describe. */
  public FuseConfig config() {
    return new FuseConfig(
        FuseConfig.Mode.parse(mode), gateSlope, gateBias, nullSpaceRank, idDropout);
  }
}
