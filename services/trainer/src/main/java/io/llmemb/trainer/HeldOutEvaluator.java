package io.llmemb.trainer;

import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.CaseScorer;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.GroupMetrics;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.SequentialRecommender;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates a trained model on the held-out test targets of its snapshot (the last interaction of
 * every user, never trained on) with the paper's protocol: the target against 100 sampled items the
 * user has not seen, HR@10 and NDCG@10, overall and on long-tail target items.
 */
public final class HeldOutEvaluator {

  private final long seed;

  /**
   * @param seed seed of the negative sampling, fixed so two candidates are compared on the same
   *     negatives
   */
  public HeldOutEvaluator(long seed) {
    this.seed = seed;
  }

  /**
   * Metrics named as on {@code ModelRelease.metrics}: hr@10, ndcg@10, tail.hr@10, tail.ndcg@10,
   * cases.
   */
  public Map<String, Double> evaluate(SequentialRecommender model, SequenceSplit split) {
    return evaluate(new RecommenderScorer(model), split);
  }

  /**
   * The same metrics for any {@link CaseScorer} (e.g. the current release, re-evaluated on a new
   * snapshot).
   */
  public Map<String, Double> evaluate(CaseScorer scorer, SequenceSplit split) {
    EvalResult r = new Evaluator().evaluate(scorer, split, Stage.TEST, EvalProtocol.sampled(seed));
    Map<String, Double> m = new LinkedHashMap<>();
    put(m, "", r.overall());
    put(m, "tail.", r.tailItems());
    m.put("cases", (double) r.overall().cases());
    return m;
  }

  private static void put(Map<String, Double> m, String prefix, GroupMetrics g) {
    m.put(prefix + "hr@10", g.hr());
    m.put(prefix + "ndcg@10", g.ndcg());
  }
}
