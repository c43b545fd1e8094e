package io.llmemb.trainer;

import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.FusedTrainer;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.srs.SasRec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fused model (docs/llmemb-method.md §10) on the live topics: the RAT text view (the published item embeddings, PCA, the paper
 * adapter aligned to a plain SASRec's E_srs) beside an ID view, gated by each item's training interaction count,
 * trained with {@link FusedTrainer}. It is warm-started from a plain model of the configured backbone (trained
 * first, as the {@code fuse --warm-start} command expects), so on validation it starts at, and is kept at least as
 * good as, the plain ID model.
 *
 * <p>The bundle is the {@value FusedItemEmbeddings#VARIANT} variant and carries the gate, both views and the counts
 * it was trained with: serving scores a brand-new item through the text view at count zero, and the next retrain
 * (whose snapshot holds the item's interactions) gives it an ID row.
 */
public final class FusedModelTrainer implements ModelTrainer {

  private final PlainBackboneTrainer plain;
  private final Supplier<Map<String, ItemEmbedding>> embeddings;
  private final int pcaComponents;

  /**
   * @param plain trainer of the plain model of the configured backbone (the warm start; also gives the fused
   *     model's backbone, hyperparameters and device); a SASRec with the same settings gives E_srs
   * @param embeddings the latest embedding per raw item id (read when a training starts)
   * @param pcaComponents upper bound of the PCA width
   */
  public FusedModelTrainer(PlainBackboneTrainer plain, Supplier<Map<String, ItemEmbedding>> embeddings,
      int pcaComponents) {
    this.plain = plain;
    this.embeddings = embeddings;
    this.pcaComponents = pcaComponents;
  }

  @Override
  public TrainedModel train(PreparedDataset data, Path workDir) throws IOException {
    LlmTable table = TopicLlmTable.build(data, embeddings.get(), pcaComponents);
    // E_srs (alignment target, ID-view initialisation) is SASRec's, as in the paper, whatever the backbone.
    // When the backbone is SASRec that one model is also the warm start (under the configured spelling, which the
    // warm start compares with the manifest's).
    boolean sasrec = SasRec.NAME.equalsIgnoreCase(plain.backbone());
    Path srsDir = workDir.resolve("srs");
    (sasrec ? plain : plain.withBackbone(SasRec.NAME)).trainModelDirectory(data, srsDir).close();
    Path warmStart = sasrec ? srsDir : workDir.resolve("plain");
    if (!sasrec) {
      plain.trainModelDirectory(data, warmStart).close();
    }
    return TrainedModel.owningManager(plain.engine(), manager -> {
      RatConfig rat = RatConfig.paper(plain.backbone(), plain.backboneConfig(), plain.trainConfig(), table.dim());
      FuseConfig fuse = FuseConfig.warmStart();
      FusedTrainer.Run run = new FusedTrainer(rat, fuse, false).train(data.split(), ColdItems.none(), table,
          srsDir, Optional.of(warmStart), manager, Files.createDirectories(workDir.resolve("fused")));
      Map<String, String> described = new LinkedHashMap<>(plain.describe());
      described.put("variant", FusedItemEmbeddings.VARIANT);
      described.put("pcaComponents", Integer.toString(table.dim()));
      described.put("ratConfig", rat.toString());
      described.put("fuseConfig", fuse.toString());
      return TrainedModel.withText(run.model(), run.result(), described, table, manager);
    });
  }
}
