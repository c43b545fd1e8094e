package io.llmemb.training;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.GroupMetrics;
import io.llmemb.eval.PopularityScorer;
import io.llmemb.eval.RandomScorer;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.SequentialRecommender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test-split evaluation every training command ends with, and the metric names bundles record.
 */
public final class TestEvaluation {

  private TestEvaluation() {}

  /**
   * Evaluates {@code model} on the test cases under each protocol, with popularity and random
   * beside it.
   *
   * @return results keyed "{@code <model> / <ranking>}", "{@code popularity / <ranking>}", ...
   */
  public static Map<String, EvalResult> run(
      SequentialRecommender model,
      SequenceSplit split,
      List<EvalProtocol> protocols,
      long seed,
      boolean baselines) {
    return run(model, split, protocols, seed, baselines, ColdItems.none());
  }

  /**
   * Same, with the cold-item group of the cold-item protocol.
   *
   * @param split the split after {@link ColdItems#apply}
   * @param cold the run's cold items
   */
  public static Map<String, EvalResult> run(
      SequentialRecommender model,
      SequenceSplit split,
      List<EvalProtocol> protocols,
      long seed,
      boolean baselines,
      ColdItems cold) {
    Map<String, EvalResult> results = new LinkedHashMap<>();
    Evaluator evaluator = new Evaluator();
    for (EvalProtocol p : protocols) {
      String tag = " / " + ranking(p);
      results.put(
          model.name() + tag,
          evaluator.evaluate(new RecommenderScorer(model), split, Stage.TEST, p, cold));
      if (baselines) {
        results.put(
            "popularity" + tag,
            evaluator.evaluate(new PopularityScorer(split), split, Stage.TEST, p, cold));
        results.put(
            "random" + tag,
            evaluator.evaluate(
                new RandomScorer(split.numItems(), seed), split, Stage.TEST, p, cold));
      }
    }
    return results;
  }

  /**
   * Flat metric names for a bundle manifest: {@code test.<ranking>.<group>.hr@k|ndcg@k} of the
   * model's rows, and {@code valid.ndcg@10} of the training run.
   */
  public static Map<String, Double> bundleMetrics(
      String modelName, Map<String, EvalResult> results, TrainResult train) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("valid.ndcg@10", train.bestValidNdcg());
    results.forEach(
        (label, r) -> {
          if (!label.startsWith(modelName + " / ")) {
            return;
          }
          String prefix = "test." + ranking(r.protocol()) + ".";
          put(out, prefix + "overall", r.overall(), r.protocol().k());
          put(out, prefix + "tail", r.tailItems(), r.protocol().k());
          put(out, prefix + "head", r.headItems(), r.protocol().k());
          put(out, prefix + "cold", r.coldItems(), r.protocol().k());
        });
    return out;
  }

  private static void put(Map<String, Double> out, String prefix, GroupMetrics g, int k) {
    if (g.cases() > 0) {
      out.put(prefix + ".hr@" + k, g.hr());
      out.put(prefix + ".ndcg@" + k, g.ndcg());
    }
  }

  private static String ranking(EvalProtocol p) {
    return p.ranking().name().toLowerCase(Locale.ROOT);
  }
}
