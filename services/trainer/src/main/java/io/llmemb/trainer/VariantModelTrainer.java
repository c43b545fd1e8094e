package io.llmemb.trainer;

import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.engine.EngineConfig;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.TextViewSettings;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import io.llmemb.variant.FusedVariant;
import io.llmemb.variant.PlainVariant;
import io.llmemb.variant.RatVariant;
import io.llmemb.variant.TrainedVariant;
import io.llmemb.variant.Variant;
import io.llmemb.variant.VariantInputs;
import io.llmemb.variant.VariantPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The method library's variant pipeline on the live topics: the snapshot is the data, the text
 * variants' LLM table is built from the embeddings published on {@code catalog.item_embeddings}
 * (PCA to at most {@code pcaComponents} columns), and {@link VariantPipeline} trains the upstream
 * plain models (SASRec for the alignment target, the backbone's own plain model as the fused
 * model's warm start) before the variant.
 */
public final class VariantModelTrainer implements ModelTrainer {

  private final Variant variant;
  private final String backbone;
  private final BackboneConfig backboneConfig;
  private final TrainConfig trainConfig;
  private final EngineConfig engine;
  private final Supplier<Map<String, ItemEmbedding>> embeddings;
  private final int pcaComponents;

  /**
   * @param variant what to train
   * @param backbone sasrec, gru4rec or bert4rec
   * @param engine device and threads; re-seeded with the training seed before every training
   * @param embeddings the latest embedding per raw item id (read when a text variant's training
   *     starts)
   * @param pcaComponents upper bound of the PCA width of the LLM table
   */
  public VariantModelTrainer(
      Variant variant,
      String backbone,
      BackboneConfig backboneConfig,
      TrainConfig trainConfig,
      EngineConfig engine,
      Supplier<Map<String, ItemEmbedding>> embeddings,
      int pcaComponents) {
    this.variant = variant;
    this.backbone = backbone;
    this.backboneConfig = backboneConfig;
    this.trainConfig = trainConfig;
    this.engine = engine.withSeed(trainConfig.seed());
    this.embeddings = embeddings;
    this.pcaComponents = pcaComponents;
  }

  /** The trainer {@code config} describes. */
  public static VariantModelTrainer from(
      TrainerConfig config, Supplier<Map<String, ItemEmbedding>> embeddings) {
    return new VariantModelTrainer(
        variant(config.variant()),
        config.backbone(),
        config.backboneConfig(),
        config.trainConfig(),
        EngineConfig.of(EngineConfig.normaliseDevice(config.device()), config.threads()),
        embeddings,
        config.pcaComponents());
  }

  /**
   * The variant a {@code llmemb.trainer.variant} value names, with the library's default settings.
   */
  static Variant variant(String name) {
    return switch (name) {
      case TrainerConfig.ID -> new PlainVariant();
      case TrainerConfig.RAT -> new RatVariant(TextViewSettings.paper());
      case TrainerConfig.FUSED ->
          new FusedVariant(TextViewSettings.paper(), FuseConfig.warmStart());
      default -> throw TrainerConfig.unknownVariant(name);
    };
  }

  @Override
  public TrainedModel train(PreparedDataset data, Path workDir) throws IOException {
    VariantInputs inputs =
        VariantInputs.plain(
            data.split(), ColdItems.none(), backbone, backboneConfig, trainConfig, false);
    Optional<LlmTable> table = Optional.empty();
    if (variant.needsText()) {
      table = Optional.of(TopicLlmTable.build(data, embeddings.get(), pcaComponents));
      inputs = inputs.withText(table.get());
    }
    VariantPipeline.Result run = VariantPipeline.train(variant, inputs, engine, workDir);
    TrainedVariant trained = run.trained();
    Map<String, String> described = new LinkedHashMap<>(variant.describe(run.inputs()));
    described.put("device", engine.device());
    return table.isPresent()
        ? TrainedModel.withText(
            trained.model(), trained.result(), described, table.get(), run.manager())
        : new TrainedModel(
            trained.model(),
            trained.result(),
            TrainedModel.validationOf(trained.result()),
            described,
            Optional.empty(),
            run.manager());
  }
}
