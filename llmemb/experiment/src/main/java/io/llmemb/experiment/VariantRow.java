package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.TextViewSettings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.training.TrainResult;
import io.llmemb.variant.FusedVariant;
import io.llmemb.variant.PlainVariant;
import io.llmemb.variant.RatVariant;
import io.llmemb.variant.Variant;
import io.llmemb.variant.VariantInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row kind of the experiment table (None, LLMEmb, an ablation, the fused model): a {@link
 * Variant} of the method library, the text its LLM table comes from, and its label. The experiment
 * only resolves the row's inputs from cached stages; training and reloading are the variant's.
 *
 * @param label row label in the report: {@code None}, {@code LLMEmb}, {@code w/o SCFT}, ...
 * @param text which LLM embeddings the pipeline must provide
 * @param variant the model kind and its settings
 */
public record VariantRow(String label, TextSource text, Variant variant) {

  /** Row label of the full method. */
  public static final String LLMEMB = "LLMEmb";

  /** Row label of the fused model. */
  public static final String FUSED = "Fused";

  /** Row label of the fused model over the encoder's embeddings without SCFT. */
  public static final String FUSED_RAW = "Fused w/o SCFT";

  /**
   * Label rows aligned per batch. The paper aligns every label position (6,400 at batch 128 × 50),
   * which on CPU costs more than the backbone's step; 1,024 randomly drawn rows is a documented
   * deviation (docs/llmemb-method.md §4).
   */
  static final int MAX_ALIGN_ROWS = 1024;

  private static final TextViewSettings PAPER =
      TextViewSettings.paper().withMaxAlignRows(MAX_ALIGN_ROWS);

  /** The plain backbone, the "None" row. */
  public static VariantRow plain() {
    return new VariantRow(RunResult.BASELINE_VARIANT, TextSource.NONE, new PlainVariant());
  }

  /** The paper's method: RAT over SCFT embeddings. */
  public static VariantRow llmemb() {
    return new VariantRow(LLMEMB, TextSource.SCFT, new RatVariant(PAPER));
  }

  /** The paper's method less one part. */
  public static VariantRow without(Ablation a) {
    TextViewSettings s =
        switch (a) {
          case NO_SCFT -> PAPER;
          case NO_ADAPTER -> PAPER.withoutHiddenLayers();
          case NO_FREEZE -> PAPER.withFreezeLlm(false);
          case NO_ALIGN -> PAPER.withAlpha(0f);
        };
    return new VariantRow(
        a.label(), a == Ablation.NO_SCFT ? TextSource.RAW : TextSource.SCFT, new RatVariant(s));
  }

  /**
   * The fused model, warm-started from the plain model of its backbone, over SCFT or raw
   * embeddings.
   */
  public static VariantRow fused(boolean scft) {
    return new VariantRow(
        scft ? FUSED : FUSED_RAW,
        scft ? TextSource.SCFT : TextSource.RAW,
        new FusedVariant(PAPER, FuseConfig.warmStart()));
  }

  /** Whether the row reads the same seed's plain SASRec. */
  public boolean needsPretrainedSasrec() {
    return variant.needsPretrainedSasrec();
  }

  /** Whether the row starts from the plain model of its own backbone, seed and regime. */
  public boolean needsPlainModel() {
    return variant.usesPlainModel();
  }

  /** The row's settings (config as data): hashed into its stage key, so a change retrains it. */
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>(variant.settings());
    s.put("row", label);
    s.put("textSource", text.name());
    return s;
  }

  /** Trains the row's model into {@code dir}. */
  public TrainResult train(VariantContext c, NDManager manager, Path dir) throws IOException {
    return variant.train(inputs(c), manager, dir).result();
  }

  /** Rebuilds the model {@link #train} wrote into {@code dir}. */
  public SequentialRecommender load(VariantContext c, NDManager manager, Path dir)
      throws IOException {
    return variant.load(inputs(c), manager, dir);
  }

  private VariantInputs inputs(VariantContext c) throws IOException {
    Optional<LlmTable> table = Optional.empty();
    if (variant.needsText()) {
      table =
          Optional.of(
              LlmTable.of(
                  EmbeddingArtifact.load(c.requireEmbeddings(label)),
                  PcaArtifact.load(c.requirePca(label)),
                  null));
    }
    Optional<Path> sasrec =
        variant.needsPretrainedSasrec()
            ? Optional.of(c.requirePretrainedSasrec(label))
            : Optional.empty();
    Optional<Path> plain =
        variant.usesPlainModel() ? Optional.of(c.requirePlainModel(label)) : Optional.empty();
    return new VariantInputs(
        c.prepared(),
        c.cold(),
        c.backbone(),
        c.backboneConfig(),
        Optional.empty(),
        c.train(),
        c.itemInitStd(),
        table,
        sasrec,
        plain,
        c.showProgress());
  }
}
