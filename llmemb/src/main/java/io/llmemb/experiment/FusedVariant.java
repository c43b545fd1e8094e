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
import io.llmemb.srs.TrainResult;
import io.llmemb.srs.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fused ID + text item representation of issue 9 (branch {@code fuse}'s {@link FusedTrainer}, default
 * {@link FuseConfig}): LLMEmb's text view (same adapter and alignment settings as the "LLMEmb" row) beside an ID view
 * initialised from the same seed's plain SASRec, gated by training interaction counts.
 */
public final class FusedVariant implements VariantTrainer {

  /** Row label (one of the report's leading variants). */
  public static final String LABEL = "Fused";

  private final RatVariant text = RatVariant.full();
  private final FuseConfig fuse = FuseConfig.defaults();

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public TextSource text() {
    return TextSource.SCFT;
  }

  @Override
  public boolean needsPretrainedSasrec() {
    return true;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>(text.settings());
    s.put("variant", LABEL);
    s.put("fuse", fuse);
    return s;
  }

  @Override
  public TrainResult train(VariantContext c, NDManager manager, Path dir) throws IOException {
    LlmTable table = text.table(c);
    return new FusedTrainer(text.config(c, table), fuse, c.showProgress()).train(c.prepared(), c.cold(), table,
        c.requirePretrainedSasrec(LABEL), manager, dir).result();
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
