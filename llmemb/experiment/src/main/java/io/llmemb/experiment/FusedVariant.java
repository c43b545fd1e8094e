package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.FusedTrainer;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fused ID + text item representation (docs/llmemb-method.md §10) (branch {@code fuse}'s {@link FusedTrainer}, default
 * {@link FuseConfig}): LLMEmb's text view (same adapter and alignment settings as the "LLMEmb" row) beside an ID view
 * gated by training interaction counts, warm-started from the plain model of the same backbone, seed and regime (its
 * weights, its item table as the ID view), which it keeps unless an epoch beats it on validation.
 */
public final class FusedVariant implements VariantTrainer {

  /** Row label (one of the report's leading variants). */
  public static final String LABEL = "Fused";
  /** Row label of the same model over the encoder's embeddings without SCFT. */
  public static final String RAW_LABEL = "Fused w/o SCFT";

  private final String label;
  private final RatVariant text;
  private final FuseConfig fuse = FuseConfig.warmStart();

  private FusedVariant(String label, RatVariant text) {
    this.label = label;
    this.text = text;
  }

  /** The fused model over SCFT embeddings (the default row). */
  public static FusedVariant scft() {
    return new FusedVariant(LABEL, RatVariant.full());
  }

  /** The fused model over the encoder's raw embeddings (SCFT off). */
  public static FusedVariant raw() {
    return new FusedVariant(RAW_LABEL, RatVariant.without(Ablation.NO_SCFT));
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public TextSource text() {
    return text.text();
  }

  @Override
  public boolean needsPretrainedSasrec() {
    return true;
  }

  @Override
  public boolean needsPlainModel() {
    return true;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>(text.settings());
    s.put("variant", label);
    s.put("fuse", fuse);
    s.put("warmStart", "plain model of the backbone; text view fitted to its ID table");
    return s;
  }

  @Override
  public TrainResult train(VariantContext c, NDManager manager, Path dir) throws IOException {
    LlmTable table = text.table(c);
    return new FusedTrainer(text.config(c, table), fuse, c.showProgress()).train(c.prepared(), c.cold(), table,
        c.requirePretrainedSasrec(label), Optional.of(c.requirePlainModel(label)), manager, dir).result();
  }

  @Override
  public SequentialRecommender load(VariantContext c, NDManager manager, Path dir) throws IOException {
    LlmTable table = text.table(c);
    RatConfig rat = text.config(c, table);
    ItemCounts counts = ItemCounts.read(dir.resolve(ItemCounts.FILE));
    // The ID view's initial values do not matter here: the checkpoint overwrites them.
    SequentialRecommender model = Backbones.create(c.backbone(), c.backboneConfig(), rat.objectiveOption(),
        c.split().numItems(), manager, FusedItemEmbeddings.factory(fuse, AdapterEmbeddings.factory(rat.adapter(),
            table), counts, Optional.empty()));
    model.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
    return model;
  }
}
