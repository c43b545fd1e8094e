package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.cli.ModelManifest;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.srs.AuxiliaryLoss;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The RAT alignment term (method doc §4, branch {@code rat}'s {@link AlignmentLoss} with the scripts' α and τ)
 * against the item table of the same seed's plain SASRec, read from its model directory.
 */
final class Alignment {

  private Alignment() {}

  /** α and τ, hashed into the variant's key. */
  static Map<String, Object> settings() {
    return Map.of("alpha", AlignmentLoss.DEFAULT_ALPHA, "tau", AlignmentLoss.DEFAULT_TAU);
  }

  /** The alignment loss of {@code model}, whose items must come from {@link AdapterEmbeddings}. */
  static AuxiliaryLoss loss(SequentialRecommender model, VariantContext c, NDManager manager) throws IOException {
    if (!(model.items() instanceof AdapterEmbeddings adapted)) {
      throw new IllegalArgumentException("alignment needs an adapter item table, " + model.name() + " has "
          + model.items().getClass().getSimpleName());
    }
    return AlignmentLoss.paper(pretrainedTable(c.requirePretrainedSasrec(RatVariant.LABEL), manager), adapted);
  }

  /** E_srs: the plain SASRec's item table [N+1, H] (row 0 padding) from a {@code train}-style model directory. */
  static float[] pretrainedTable(Path dir, NDManager manager) throws IOException {
    ModelManifest m = ModelManifest.read(dir);
    try (NDManager scratch = manager.newSubManager()) {
      SequentialRecommender sasrec = Backbones.create(m.backbone(), m.config(), m.numItems(), scratch,
          IdEmbeddings.factory(m.itemInitStd()));
      sasrec.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
      return sasrec.items().table(false).toFloatArray();
    }
  }
}
