package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.training.ModelManifest;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plain ID backbone, the "None" row. Its artifact is laid out like a {@code train} output directory
 * ({@code model.json} + {@code best.params}), so the same seed's SASRec doubles as RAT's pre-trained SASRec.
 */
public final class PlainVariant implements VariantTrainer {

  @Override
  public String label() {
    return RunResult.BASELINE_VARIANT;
  }

  @Override
  public TextSource text() {
    return TextSource.NONE;
  }

  @Override
  public boolean needsPretrainedSasrec() {
    return false;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("variant", label());
  }

  @Override
  public TrainResult train(VariantContext c, NDManager manager, Path dir) throws IOException {
    new ModelManifest(ModelManifest.CURRENT_VERSION, c.backbone(), c.backboneConfig(), c.split().numItems(),
        c.split().name(), c.itemInitStd(), c.train().seed()).write(dir);
    // The cold selection beside the weights: the fused trainer checks its pre-trained SASRec against it.
    c.cold().writeTo(dir);
    return new Trainer(c.train(), c.showProgress(), AuxiliaryLoss.NONE, c.cold()).fit(create(c, manager),
        c.split(), dir);
  }

  @Override
  public SequentialRecommender load(VariantContext c, NDManager manager, Path dir) throws IOException {
    return ModelManifest.loadModel(dir, manager);
  }

  private static SequentialRecommender create(VariantContext c, NDManager manager) {
    return Backbones.create(c.backbone(), c.backboneConfig(), c.split().numItems(), manager,
        IdEmbeddings.factory(c.itemInitStd()));
  }
}
