package io.llmemb.rat;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainingObjective;
import io.llmemb.training.TrainConfig;
import java.util.Objects;

/**
 * The text view's own settings, as data, shared by RAT and the fused model: the adapter's shape and
 * the alignment loss. {@link #paper()} is docs/llmemb-method.md §4's setting; the ablations change
 * one field each.
 *
 * @param adapterWidths hidden widths of the adapter: {@code paper} ([d/2]), {@code none} (one
 *     linear map) or a comma-separated list
 * @param activation between adapter layers
 * @param dropout between adapter layers
 * @param freezeLlm whether the LLM table stays frozen (the paper's default)
 * @param alpha weight of the alignment loss; 0 = none
 * @param tau temperature of the alignment loss
 * @param maxAlignRows cap on the label rows aligned per batch, 0 = all
 */
public record TextViewSettings(
    String adapterWidths,
    AdapterConfig.Activation activation,
    float dropout,
    boolean freezeLlm,
    float alpha,
    float tau,
    int maxAlignRows) {

  /** Validates the fields. */
  public TextViewSettings {
    Objects.requireNonNull(adapterWidths, "adapterWidths");
    Objects.requireNonNull(activation, "activation");
  }

  /**
   * The paper's text view: adapter [d/2] without activation, frozen table, alignment α and τ of the
   * paper.
   */
  public static TextViewSettings paper() {
    return new TextViewSettings(
        "paper",
        AdapterConfig.Activation.NONE,
        0f,
        true,
        AlignmentLoss.DEFAULT_ALPHA,
        AlignmentLoss.DEFAULT_TAU,
        0);
  }

  /** The same with another cap on aligned rows. */
  public TextViewSettings withMaxAlignRows(int rows) {
    return new TextViewSettings(adapterWidths, activation, dropout, freezeLlm, alpha, tau, rows);
  }

  /** The same with one linear map instead of the adapter's hidden layers ("w/o adapter"). */
  public TextViewSettings withoutHiddenLayers() {
    return new TextViewSettings("none", activation, dropout, freezeLlm, alpha, tau, maxAlignRows);
  }

  /** The same with a trainable LLM table ("w/o freeze"). */
  public TextViewSettings withFreezeLlm(boolean freeze) {
    return new TextViewSettings(
        adapterWidths, activation, dropout, freeze, alpha, tau, maxAlignRows);
  }

  /** The same with another alignment weight (0 = "w/o align"). */
  public TextViewSettings withAlpha(float a) {
    return new TextViewSettings(
        adapterWidths, activation, dropout, freezeLlm, a, tau, maxAlignRows);
  }

  /** The run configuration of this text view over {@code llm} for a backbone. */
  public RatConfig config(
      String backbone,
      BackboneConfig config,
      TrainingObjective objective,
      TrainConfig train,
      LlmTable llm) {
    AdapterConfig adapter =
        new AdapterConfig(
            llm.dim(),
            AdapterConfig.parseWidths(adapterWidths, llm.dim()),
            activation,
            dropout,
            freezeLlm);
    return new RatConfig(backbone, config, objective, train, adapter, alpha, tau, maxAlignRows);
  }
}
