package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLMEmb's recommendation adaptation training (docs/llmemb-method.md §4) and its ablations, through branch {@code rat}'s
 * {@link RatTrainer}:
 * the PCA-reduced LLM item table, frozen, through the trainable adapter into the backbone, trained with the
 * backbone's loss plus the alignment loss with the same seed's pre-trained SASRec.
 *
 * <p>Ablations change one thing each: raw instead of SCFT embeddings, one linear map instead of the adapter's hidden
 * layer (the width must still change from d to H), a trainable LLM table, no alignment term.
 */
public final class RatVariant implements VariantTrainer {

  /**
   * Label rows aligned per batch. The paper aligns every label position (6,400 at batch 128 × 50), which on CPU
   * costs more than the backbone's step; 1,024 randomly drawn rows is a documented deviation (docs/llmemb-method.md §4).
   */
  static final int MAX_ALIGN_ROWS = 1024;

  /** Row label of the full method. */
  public static final String LABEL = "LLMEmb";

  private final String label;
  private final TextSource text;
  private final boolean adapter;
  private final boolean freeze;
  private final boolean align;

  private RatVariant(String label, TextSource text, boolean adapter, boolean freeze, boolean align) {
    this.label = label;
    this.text = text;
    this.adapter = adapter;
    this.freeze = freeze;
    this.align = align;
  }

  /** The full method. */
  public static RatVariant full() {
    return new RatVariant(LABEL, TextSource.SCFT, true, true, true);
  }

  /** The full method less one part. */
  public static RatVariant without(Ablation a) {
    return new RatVariant(a.label(), a == Ablation.NO_SCFT ? TextSource.RAW : TextSource.SCFT,
        a != Ablation.NO_ADAPTER, a != Ablation.NO_FREEZE, a != Ablation.NO_ALIGN);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public TextSource text() {
    return text;
  }

  @Override
  public boolean needsPretrainedSasrec() {
    // RatTrainer takes E_srs even when α = 0 (w/o align), where it goes unused.
    return true;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("variant", label);
    s.put("text", text.name());
    s.put("adapter", adapter);
    s.put("freeze", freeze);
    s.put("alpha", alpha());
    s.put("tau", AlignmentLoss.DEFAULT_TAU);
    s.put("maxAlignRows", MAX_ALIGN_ROWS);
    return s;
  }

  @Override
  public TrainResult train(VariantContext c, NDManager manager, Path dir) throws IOException {
    LlmTable table = table(c);
    float[] srs = RatTrainer.srsItemTable(c.requirePretrainedSasrec(label), manager);
    return new RatTrainer(config(c, table), c.showProgress()).train(c.split(), table, srs, manager, dir, c.cold())
        .result();
  }

  @Override
  public SequentialRecommender load(VariantContext c, NDManager manager, Path dir) throws IOException {
    LlmTable table = table(c);
    RatConfig config = config(c, table);
    SequentialRecommender model = Backbones.create(c.backbone(), c.backboneConfig(), config.objectiveOption(),
        c.split().numItems(), manager, AdapterEmbeddings.factory(config.adapter(), table));
    model.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
    return model;
  }

  private float alpha() {
    return align ? AlignmentLoss.DEFAULT_ALPHA : 0f;
  }

  /** The LLM table of the context's embeddings, PCA-reduced. */
  LlmTable table(VariantContext c) throws IOException {
    return LlmTable.of(EmbeddingArtifact.load(c.requireEmbeddings(label)), PcaArtifact.load(c.requirePca(label)),
        null);
  }

  /** The RAT settings of this row for the context's backbone and seed. */
  RatConfig config(VariantContext c, LlmTable table) {
    AdapterConfig paper = AdapterConfig.paper(table.dim()).withFreezeLlm(freeze);
    AdapterConfig shape = adapter ? paper
        : new AdapterConfig(table.dim(), List.of(), paper.activation(), paper.dropout(), freeze);
    return new RatConfig(c.backbone(), c.backboneConfig(), null, c.train(), shape, alpha(),
        AlignmentLoss.DEFAULT_TAU, MAX_ALIGN_ROWS);
  }
}
