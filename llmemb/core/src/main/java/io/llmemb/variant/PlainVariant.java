package io.llmemb.variant;

import ai.djl.ndarray.NDManager;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.training.ModelManifest;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain ID backbone. Its directory is a {@code train} model directory ({@code model.json}, the
 * best checkpoint, the cold selection), so the same model doubles as the text variants' pre-trained
 * SASRec and the fused model's warm start.
 */
public final class PlainVariant implements Variant {

  /** {@link #kind()} of this variant. */
  public static final String KIND = "plain";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean needsText() {
    return false;
  }

  @Override
  public boolean needsPretrainedSasrec() {
    return false;
  }

  @Override
  public boolean usesPlainModel() {
    return false;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("variant", KIND);
  }

  @Override
  public TrainedVariant train(VariantInputs in, NDManager manager, Path dir) throws IOException {
    manifest(in).write(dir);
    // The cold selection beside the weights: the fused trainer checks its upstream models against
    // it.
    in.cold().writeTo(dir);
    SequentialRecommender model =
        Backbones.create(
            in.backbone(),
            in.backboneConfig(),
            in.objective(),
            in.prepared().numItems(),
            manager,
            IdEmbeddings.factory(in.itemInitStd()));
    TrainResult result =
        new Trainer(in.train(), in.showProgress(), AuxiliaryLoss.NONE, in.cold())
            .fit(model, in.split(), dir);
    return new TrainedVariant(model, result);
  }

  /** What the model directory's {@code model.json} records for these inputs. */
  public static ModelManifest manifest(VariantInputs in) {
    return new ModelManifest(
        ModelManifest.CURRENT_VERSION,
        in.backbone(),
        in.backboneConfig(),
        in.prepared().numItems(),
        in.prepared().name(),
        in.itemInitStd(),
        in.train().seed());
  }

  @Override
  public SequentialRecommender load(VariantInputs in, NDManager manager, Path dir)
      throws IOException {
    return ModelManifest.loadModel(dir, manager);
  }

  @Override
  public Map<String, String> describe(VariantInputs in) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("variant", KIND);
    m.put("backbone", in.backbone());
    m.put("backboneConfig", in.backboneConfig().toString());
    m.put("trainConfig", in.train().toString());
    m.put("itemInitStd", Float.toString(in.itemInitStd()));
    return m;
  }
}
