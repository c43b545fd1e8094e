package io.llmemb.cli;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.CaseScorer;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.PopularityScorer;
import io.llmemb.eval.RandomScorer;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.ModelManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: scores a trained model directory, or a baseline, on the test (or validation)
 * cases.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a trained model or a baseline with HR@k / NDCG@k overall, tail and head.")
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Prepared dataset directory.")
  Path data;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--stage",
      defaultValue = "TEST",
      description = "TEST or VALID cases (default: ${DEFAULT-VALUE}).")
  Stage stage;

  @Option(
      names = "--out",
      required = true,
      description = "Directory for results.json and results.md.")
  Path out;

  @Mixin EngineOptions engine;

  @Mixin ProtocolOptions protocol;

  @Mixin ColdItemOptions coldOptions;

  /** What is evaluated. */
  static final class Target {
    @Option(names = "--model", description = "Model directory written by `train`.")
    Path model;

    @Option(names = "--baseline", description = "popularity | random.")
    String baseline;
  }

  @Override
  public Integer call() throws Exception {
    SequenceSplit prepared = PreparedDatasetStore.load(data).split();
    ColdItems cold =
        target.model != null
            ? coldOptions.forModel(target.model, prepared.numItems(), engine.seed)
            : coldOptions.select(prepared.numItems(), engine.seed);
    SequenceSplit split = cold.apply(prepared);
    Map<String, EvalResult> results = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply())) {
      String label;
      CaseScorer scorer;
      if (target.model != null) {
        ModelManifest m = ModelManifest.read(target.model);
        if (m.numItems() != split.numItems()) {
          throw new IllegalArgumentException(
              target.model
                  + " was trained on "
                  + m.numItems()
                  + " items, "
                  + data
                  + " has "
                  + split.numItems());
        }
        SequentialRecommender model = ModelManifest.loadModel(target.model, manager);
        scorer = new RecommenderScorer(model);
        label = m.backbone();
        extra.put("model", m);
      } else {
        label = target.baseline.toLowerCase(Locale.ROOT);
        scorer =
            switch (label) {
              case "popularity" -> new PopularityScorer(split);
              case "random" -> new RandomScorer(split.numItems(), engine.seed);
              default ->
                  throw new IllegalArgumentException(
                      "--baseline must be popularity or random, was " + target.baseline);
            };
      }
      for (EvalProtocol p : protocol.protocols(engine.seed)) {
        results.put(
            label + " / " + p.ranking().name().toLowerCase(Locale.ROOT),
            new Evaluator().evaluate(scorer, split, stage, p, cold));
      }
    }
    extra.put("coldItems", cold.size());
    System.out.print(ResultTableWriter.write(results, extra, out));
    return 0;
  }
}
