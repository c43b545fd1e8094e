package io.llmemb.trainer;

import io.llmemb.training.ModelManifest;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a plain ID backbone (SASRec, GRU4Rec, Bert4Rec) with the method library's {@link Trainer}: the paper's
 * objective, Adam, early stopping on validation NDCG@10.
 */
public final class PlainBackboneTrainer implements ModelTrainer {

  private final String backbone;
  private final BackboneConfig backboneConfig;
  private final TrainConfig trainConfig;
  private final String device;
  private final int threads;

  /**
   * @param backbone sasrec, gru4rec or bert4rec
   * @param device cpu, gpu or gpu:N
   */
  public PlainBackboneTrainer(String backbone, BackboneConfig backboneConfig, TrainConfig trainConfig,
      String device) {
    this(backbone, backboneConfig, trainConfig, device, EngineConfig.defaultThreads());
  }

  /** As above with an explicit PyTorch thread count. */
  public PlainBackboneTrainer(String backbone, BackboneConfig backboneConfig, TrainConfig trainConfig,
      String device, int threads) {
    this.backbone = backbone;
    this.backboneConfig = backboneConfig;
    this.trainConfig = trainConfig;
    this.device = EngineConfig.normaliseDevice(device);
    this.threads = threads;
  }

  /** The engine settings every training of this trainer runs with (device, threads, the training seed). */
  EngineConfig engine() {
    return EngineConfig.of(device, threads).withSeed(trainConfig.seed());
  }

  /** Backbone hyperparameters (RAT reuses them for its own backbone). */
  BackboneConfig backboneConfig() {
    return backboneConfig;
  }

  /** Optimisation settings. */
  TrainConfig trainConfig() {
    return trainConfig;
  }

  /** Backbone name. */
  String backbone() {
    return backbone;
  }

  /** Device name. */
  String device() {
    return device;
  }

  /** The trainer {@code config} describes. */
  public static PlainBackboneTrainer from(TrainerConfig config) {
    BackboneConfig bc = new BackboneConfig(config.hidden(), config.blocks(), config.heads(),
        BackboneConfig.DEFAULT_DROPOUT, config.maxLen(), BackboneConfig.DEFAULT_MASK_PROB);
    TrainConfig tc = new TrainConfig(config.learningRate(), config.batchSize(), config.epochs(), config.patience(),
        config.seed());
    return new PlainBackboneTrainer(config.backbone(), bc, tc, config.device(), config.threads());
  }

  /** The same settings with another backbone (the fused model needs a plain SASRec whatever its own backbone). */
  PlainBackboneTrainer withBackbone(String other) {
    return new PlainBackboneTrainer(other, backboneConfig, trainConfig, device, threads);
  }

  @Override
  public TrainedModel train(PreparedDataset data, Path workDir) throws IOException {
    return TrainedModel.owningManager(engine(), manager -> {
      SequentialRecommender model = Backbones.create(backbone, backboneConfig, data.split().numItems(), manager,
          IdEmbeddings.factory(Backbones.defaultItemInitStd(backbone)));
      TrainResult result = new Trainer(trainConfig, false).fit(model, data.split(), workDir);
      return new TrainedModel(model, result, TrainedModel.validationOf(result), describe(), Optional.empty(),
          manager);
    });
  }

  /**
   * Trains as {@link #train} into {@code dir} laid out as the method library's {@code train} command writes a model
   * directory ({@link ModelManifest}, the best checkpoint, the cold selection: none, the trainer serves every item),
   * so {@code RatTrainer.srsItemTable} and the fused trainer's warm start read it.
   */
  TrainedModel trainModelDirectory(PreparedDataset data, Path dir) throws IOException {
    new ModelManifest(ModelManifest.CURRENT_VERSION, backbone, backboneConfig, data.split().numItems(),
        data.split().name(), Backbones.defaultItemInitStd(backbone), trainConfig.seed()).write(dir);
    ColdItems.none().writeTo(dir);
    return train(data, dir);
  }

  Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("backbone", backbone);
    m.put("backboneConfig", backboneConfig.toString());
    m.put("trainConfig", trainConfig.toString());
    m.put("device", device);
    return m;
  }
}
