package io.llmemb.trainer;

import io.llmemb.data.PreparedDataset;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RAT (docs/llmemb-method.md §4-5) on the live topics: the item embeddings published by the embedding worker, PCA fitted on
 * them (to {@code min(pcaComponents, N - 1, d)} columns), a plain backbone trained first for E_srs, then the RAT
 * model (frozen PCA table + adapter + backbone, SRS loss + alignment) with {@link RatTrainer}. The bundle is the
 * {@code rat} variant, so serving adapts items embedded after training without retraining.
 */
public final class RatModelTrainer implements ModelTrainer {

  private final PlainBackboneTrainer srs;
  private final Supplier<Map<String, ItemEmbedding>> embeddings;
  private final int pcaComponents;

  /**
   * @param srs trainer of the plain backbone whose item table is the alignment target (also gives the RAT model's
   *     backbone, hyperparameters and device)
   * @param embeddings the latest embedding per raw item id (read when a training starts)
   * @param pcaComponents upper bound of the PCA width
   */
  public RatModelTrainer(PlainBackboneTrainer srs, Supplier<Map<String, ItemEmbedding>> embeddings,
      int pcaComponents) {
    this.srs = srs;
    this.embeddings = embeddings;
    this.pcaComponents = pcaComponents;
  }

  @Override
  public TrainedModel train(PreparedDataset data, Path workDir) throws IOException {
    LlmTable table = TopicLlmTable.build(data, embeddings.get(), pcaComponents);

    float[] srsTable;
    try (TrainedModel plain = srs.train(data, Files.createDirectories(workDir.resolve("srs")))) {
      // Bert4Rec's table has a [MASK] row after the items; E_srs holds items only.
      srsTable = Arrays.copyOf(plain.model().items().table(false).toFloatArray(),
          (data.split().numItems() + 1) * plain.model().config().hidden());
    }
    return TrainedModel.owningManager(srs.engine(), manager -> {
      RatConfig config = RatConfig.paper(srs.backbone(), srs.backboneConfig(), srs.trainConfig(), table.dim());
      RatTrainer.Run run = new RatTrainer(config, false).train(data.split(), table, srsTable, manager,
          Files.createDirectories(workDir.resolve("rat")));
      Map<String, String> described = new LinkedHashMap<>(srs.describe());
      described.put("variant", "rat");
      described.put("pcaComponents", Integer.toString(table.dim()));
      described.put("ratConfig", config.toString());
      return TrainedModel.withText(run.model(), run.result(), described, table, manager);
    });
  }
}
