package io.llmemb.variant;

import ai.djl.ndarray.NDManager;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.FusedTrainer;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.TextViewSettings;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fused ID + text item representation (docs/llmemb-method.md §10): RAT's text view beside an ID
 * view, gated by training interaction counts; warm-started from the plain model of the same
 * backbone when the inputs carry one (which it keeps unless an epoch beats it on validation).
 */
public final class FusedVariant implements Variant {

  /** {@link #kind()} of this variant (also the bundle variant name). */
  public static final String KIND = FusedItemEmbeddings.VARIANT;

  private final RatVariant text;
  private final FuseConfig fuse;

  /**
   * @param text the text view's settings
   * @param fuse how the two views combine
   */
  public FusedVariant(TextViewSettings text, FuseConfig fuse) {
    this.text = new RatVariant(text);
    this.fuse = fuse;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean needsText() {
    return true;
  }

  @Override
  public boolean needsPretrainedSasrec() {
    return true;
  }

  @Override
  public boolean usesPlainModel() {
    return true;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>(text.settings());
    s.put("variant", KIND);
    s.put("fuse", fuse);
    return s;
  }

  @Override
  public TrainedVariant train(VariantInputs in, NDManager manager, Path dir) throws IOException {
    FusedTrainer.Run run =
        new FusedTrainer(text.config(in), fuse, in.showProgress())
            .train(
                in.prepared(),
                in.cold(),
                in.requireText(KIND),
                in.requirePretrainedSasrec(KIND),
                in.plainModel(),
                manager,
                dir);
    return new TrainedVariant(run.model(), run.result());
  }

  @Override
  public SequentialRecommender load(VariantInputs in, NDManager manager, Path dir)
      throws IOException {
    RatConfig rat = text.config(in);
    ItemCounts counts = ItemCounts.read(dir.resolve(ItemCounts.FILE));
    // The ID view's initial values do not matter here: the checkpoint overwrites them.
    SequentialRecommender model =
        Backbones.create(
            in.backbone(),
            in.backboneConfig(),
            rat.objectiveOption(),
            in.prepared().numItems(),
            manager,
            FusedItemEmbeddings.factory(
                fuse,
                AdapterEmbeddings.factory(rat.adapter(), in.requireText(KIND)),
                counts,
                Optional.empty()));
    model.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
    return model;
  }

  @Override
  public Map<String, String> describe(VariantInputs in) {
    Map<String, String> m = new LinkedHashMap<>(text.describe(in));
    m.put("variant", KIND);
    m.put("fuse", fuse.toString());
    return m;
  }
}
