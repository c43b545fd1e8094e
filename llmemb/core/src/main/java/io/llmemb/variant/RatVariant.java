package io.llmemb.variant;

import ai.djl.ndarray.NDManager;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.rat.TextViewSettings;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LLMEmb's recommendation adaptation training (docs/llmemb-method.md §4): the frozen LLM table
 * through the trainable adapter into the backbone, trained with the backbone's loss plus the
 * alignment loss towards the pre-trained SASRec's item table.
 */
public final class RatVariant implements Variant {

  /** {@link #kind()} of this variant. */
  public static final String KIND = "rat";

  private final TextViewSettings text;

  /**
   * @param text the adapter and alignment settings
   */
  public RatVariant(TextViewSettings text) {
    this.text = text;
  }

  /** The text view's settings. */
  public TextViewSettings text() {
    return text;
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
    // RatTrainer takes E_srs even when alpha = 0, where it goes unused.
    return true;
  }

  @Override
  public boolean usesPlainModel() {
    return false;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("variant", KIND);
    s.put("text", text);
    return s;
  }

  /** The RAT configuration of these inputs. */
  public RatConfig config(VariantInputs in) {
    return text.config(
        in.backbone(),
        in.backboneConfig(),
        in.objective().orElse(null),
        in.train(),
        in.requireText(KIND));
  }

  @Override
  public TrainedVariant train(VariantInputs in, NDManager manager, Path dir) throws IOException {
    float[] srs = RatTrainer.srsItemTable(in.requirePretrainedSasrec(KIND), manager);
    RatTrainer.Run run =
        new RatTrainer(config(in), in.showProgress())
            .train(in.split(), in.requireText(KIND), srs, manager, dir, in.cold());
    return new TrainedVariant(run.model(), run.result());
  }

  @Override
  public SequentialRecommender load(VariantInputs in, NDManager manager, Path dir)
      throws IOException {
    RatConfig config = config(in);
    LlmTable table = in.requireText(KIND);
    SequentialRecommender model =
        Backbones.create(
            in.backbone(),
            in.backboneConfig(),
            config.objectiveOption(),
            in.prepared().numItems(),
            manager,
            AdapterEmbeddings.factory(config.adapter(), table));
    model.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
    return model;
  }

  @Override
  public Map<String, String> describe(VariantInputs in) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("variant", KIND);
    m.put("rat", config(in).toString());
    m.put("pcaComponents", Integer.toString(in.requireText(KIND).dim()));
    return m;
  }
}
