package io.llmemb.cli;

import io.llmemb.training.ModelManifest;
import io.llmemb.training.TestEvaluation;
import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.EvalResult;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.Gru4Rec;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a plain (ID-embedding) backbone on a prepared dataset with early stopping, keeps the best
 * weights in {@code --out}, then evaluates the test cases under the requested protocols (and, unless
 * {@code --no-baselines}, popularity and random for comparison); {@code --bundle} also releases it for serving.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train SASRec / GRU4Rec / Bert4Rec on a prepared dataset and evaluate on the test cases.")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Option(names = "--out", required = true, description = "Model directory: weights, model.json, results.")
  Path out;

  @Option(names = "--item-init-std",
      description = "Std of the ID table's normal init; 0 = Xavier-normal (default: the backbone's, "
          + "Xavier except gru4rec " + Gru4Rec.DEFAULT_ITEM_INIT_STD + ").")
  Float itemInitStd;

  @Mixin
  RunOptions run;

  @Mixin
  ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = PreparedDatasetStore.load(data);
    ColdItems cold = coldOptions.select(dataset.split().numItems(), run.engine().seed());
    SequenceSplit split = cold.apply(dataset.split());
    String backbone = run.model().backbone();
    float initStd = itemInitStd != null ? itemInitStd : Backbones.defaultItemInitStd(backbone);
    BackboneConfig config = run.model().config();
    long seed = run.engine().seed();
    TrainConfig train = run.training().config(seed);
    ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_VERSION, backbone, config, split.numItems(),
        split.name(), initStd, seed);
    try (NDManager manager = NDManager.newBaseManager(run.engine().config().apply())) {
      SequentialRecommender recommender = Backbones.create(backbone, config, run.model().objective(),
          split.numItems(), manager, IdEmbeddings.factory(initStd));
      manifest.write(out);
      cold.writeTo(out);
      TrainResult result = new Trainer(train, true, AuxiliaryLoss.NONE, cold).fit(recommender, split, out);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("model", manifest);
      extra.put("train", train);
      extra.put("coldItems", cold.size());
      Map<String, EvalResult> results = TestReport.report(recommender, result, split, run, extra, out,
          cold);
      run.bundle().write(recommender, data, dataset,
          TestEvaluation.bundleMetrics(recommender.name(), results, result),
          Map.of("backbone", backbone, "config", config.toString(), "train", train.toString(),
              "objective", recommender.objectiveName(), "itemInitStd", Float.toString(initStd)),
          ReleaseInfo.NO_TEXT, ReleaseInfo.NO_TEXT);
    }
    return 0;
  }
}
