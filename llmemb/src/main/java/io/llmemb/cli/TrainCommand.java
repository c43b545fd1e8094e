package io.llmemb.cli;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.PopularityScorer;
import io.llmemb.eval.RandomScorer;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.AuxiliaryLoss;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.Gru4Rec;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainConfig;
import io.llmemb.srs.TrainingObjective;
import io.llmemb.srs.TrainResult;
import io.llmemb.srs.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a plain (ID-embedding) backbone on a prepared dataset with early stopping, keeps the best
 * weights in {@code --out}, then evaluates the test cases under the requested protocols (and, with
 * unless {@code --no-baselines}, popularity and random for comparison).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train SASRec / GRU4Rec / Bert4Rec on a prepared dataset and evaluate on the test cases.")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Option(names = "--out", required = true, description = "Model directory: weights, model.json, results.")
  Path out;

  @Option(names = "--backbone", defaultValue = "sasrec", description = "sasrec | gru4rec | bert4rec.")
  String backbone;

  @Option(names = "--hidden", defaultValue = "" + BackboneConfig.DEFAULT_HIDDEN, description = "H.")
  int hidden;

  @Option(names = "--blocks", defaultValue = "" + BackboneConfig.DEFAULT_BLOCKS, description = "Transformer blocks.")
  int blocks;

  @Option(names = "--heads", defaultValue = "" + BackboneConfig.DEFAULT_HEADS, description = "Attention heads.")
  int heads;

  @Option(names = "--dropout", defaultValue = "" + BackboneConfig.DEFAULT_DROPOUT, description = "Dropout.")
  float dropout;

  @Option(names = "--max-len", defaultValue = "" + BackboneConfig.DEFAULT_MAX_LEN, description = "Input length.")
  int maxLen;

  @Option(names = "--objective",
      description = "sasrec/gru4rec: last | all-positions (default: all-positions; GRU4Rec's official is last).")
  String objective;

  @Option(names = "--mask-prob", defaultValue = "" + BackboneConfig.DEFAULT_MASK_PROB,
      description = "Bert4Rec cloze probability.")
  float maskProb;

  @Option(names = "--item-init-std",
      description = "Std of the ID table's normal init; 0 = Xavier-normal (default: the backbone's, "
          + "Xavier except gru4rec " + Gru4Rec.DEFAULT_ITEM_INIT_STD + ").")
  Float itemInitStd;

  @Option(names = "--lr", defaultValue = "" + TrainConfig.DEFAULT_LR, description = "Adam learning rate.")
  double lr;

  @Option(names = "--batch-size", defaultValue = "" + TrainConfig.DEFAULT_BATCH, description = "Batch size.")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "" + TrainConfig.DEFAULT_MAX_EPOCHS, description = "Max epochs.")
  int epochs;

  @Option(names = "--patience", defaultValue = "" + TrainConfig.DEFAULT_PATIENCE, description = "Early-stop patience.")
  int patience;

  // A plain flag: picocli's negatable form of a default-true option left it true on --no-baselines.
  @Option(names = "--no-baselines", description = "Skip the popularity and random baselines (default: evaluate them).")
  boolean noBaselines;

  @Mixin
  EngineOptions engine;

  @Mixin
  ProtocolOptions protocol;

  @Mixin
  ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    SequenceSplit prepared = PreparedDatasetStore.load(data).split();
    ColdItems cold = coldOptions.select(prepared.numItems(), engine.seed);
    SequenceSplit split = cold.apply(prepared);
    float initStd = itemInitStd != null ? itemInitStd : Backbones.defaultItemInitStd(backbone);
    BackboneConfig config = new BackboneConfig(hidden, blocks, heads, dropout, maxLen, maskProb);
    TrainConfig train = new TrainConfig(lr, batchSize, epochs, patience, engine.seed);
    ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_VERSION, backbone.toLowerCase(Locale.ROOT),
        config, split.numItems(), split.name(), initStd, engine.seed);
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply())) {
      SequentialRecommender model = Backbones.create(backbone, config,
          Optional.ofNullable(objective).map(TrainingObjective::parse), split.numItems(), manager,
          IdEmbeddings.factory(initStd));
      manifest.write(out);
      cold.writeTo(out);
      TrainResult result = new Trainer(train, true, AuxiliaryLoss.NONE, cold).fit(model, split, out);
      Map<String, EvalResult> results = new LinkedHashMap<>();
      Evaluator evaluator = new Evaluator();
      for (EvalProtocol p : protocol.protocols(engine.seed)) {
        String tag = " / " + p.ranking().name().toLowerCase(Locale.ROOT);
        results.put(model.name() + tag,
            evaluator.evaluate(new RecommenderScorer(model), split, Stage.TEST, p, cold));
        if (!noBaselines) {
          results.put("popularity" + tag,
              evaluator.evaluate(new PopularityScorer(split), split, Stage.TEST, p, cold));
          results.put("random" + tag, evaluator.evaluate(new RandomScorer(split.numItems(), engine.seed), split,
              Stage.TEST, p, cold));
        }
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("model", manifest);
      extra.put("train", train);
      extra.put("coldItems", cold.size());
      extra.put("objective", model.objectiveName());
      extra.put("bestEpoch", result.bestEpoch());
      extra.put("meanEpochSeconds", result.meanEpochSeconds());
      extra.put("curve", result.curve());
      System.out.printf(Locale.ROOT, "best epoch %d (valid NDCG@10 %.4f), %.2f s/epoch%n", result.bestEpoch(),
          result.bestValidNdcg(), result.meanEpochSeconds());
      System.out.print(ReportWriter.write(results, extra, out));
    }
    return 0;
  }
}
