package io.llmemb.experiment;

import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.CaseScorer;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.GroupMetrics;
import io.llmemb.eval.Stage;
import io.llmemb.experiment.report.EpochPoint;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.training.EpochRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates one trained model on the test cases under each protocol and turns the results into
 * report {@link RunResult}s: overall / tail / head HR@k and NDCG@k, case counts, and HR@k per
 * target-popularity bucket.
 *
 * <p>Buckets come from the evaluator itself: with tail threshold t, the "tail" group is every case
 * whose target has popularity below t, so the hits between two thresholds a &lt; b are hits(&lt; b)
 * − hits(&lt; a). Scores are computed once and replayed ({@link ReplayScorer}), and the negatives
 * are drawn from the same seed, so every pass ranks the same candidates.
 */
final class RunEvaluation {

  private RunEvaluation() {}

  /**
   * Bucket edges relative to the split's tail threshold t: [1, t/2), [t/2, t), [t, 2t), [2t, 4t),
   * [4t, ∞).
   */
  static List<Integer> bucketEdges(SequenceSplit split) {
    int t = Math.max(2, split.tailThreshold());
    TreeSet<Integer> edges = new TreeSet<>(List.of(Math.max(2, t / 2), t, 2 * t, 4 * t));
    return List.copyOf(edges);
  }

  /** Report label of a protocol: {@code sampled-100} or {@code full}. */
  static String protocolLabel(EvalProtocol p) {
    return p.ranking() == EvalProtocol.Ranking.SAMPLED
        ? "sampled-" + p.negatives()
        : p.ranking().name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param scorer the trained model
   * @param row backbone, variant and encoder of the run
   * @param seed training seed
   * @param curve the run's training curve
   * @param stoppedBy why its training ended ({@link io.llmemb.training.StopReason#label()})
   */
  static List<RunResult> evaluate(
      CaseScorer scorer,
      Regime regime,
      List<EvalProtocol> protocols,
      RowLabel row,
      long seed,
      List<EpochRecord> curve,
      String stoppedBy) {
    SequenceSplit split = regime.split();
    List<EpochPoint> points = new ArrayList<>();
    double elapsed = 0;
    for (EpochRecord r : curve) {
      elapsed += r.seconds();
      points.add(new EpochPoint(r.epoch(), r.loss(), r.validNdcg(), elapsed));
    }
    List<RunResult> out = new ArrayList<>();
    for (EvalProtocol p : protocols) {
      ReplayScorer replay = new ReplayScorer(scorer);
      Evaluator evaluator = new Evaluator();
      EvalResult r = evaluator.evaluate(replay, split, Stage.TEST, p, regime.cold());
      replay.replay();
      Map<String, Double> metrics = new LinkedHashMap<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      put(metrics, counts, "overall", r.overall(), p.k());
      put(metrics, counts, "tail", r.tailItems(), p.k());
      put(metrics, counts, "head", r.headItems(), p.k());
      String label = protocolLabel(p);
      if (!regime.isWarm()) {
        put(metrics, counts, "cold", r.coldItems(), p.k());
        label = Regime.COLD_PREFIX + p.ranking().name().toLowerCase(Locale.ROOT);
      }
      out.add(
          new RunResult(
              row.backbone(),
              row.variant(),
              row.encoder(),
              seed,
              label,
              metrics,
              counts,
              points,
              buckets(evaluator, replay, split, p),
              stoppedBy));
    }
    return out;
  }

  private static Map<String, Double> buckets(
      Evaluator evaluator, ReplayScorer replay, SequenceSplit split, EvalProtocol p) {
    Map<String, Double> out = new LinkedHashMap<>();
    double hitsBelow = 0;
    int casesBelow = 0;
    int lower = 1;
    List<Integer> edges = new ArrayList<>(bucketEdges(split));
    edges.add(Integer.MAX_VALUE);
    for (int edge : edges) {
      GroupMetrics below;
      if (edge == Integer.MAX_VALUE) {
        below = evaluator.evaluate(replay, split, Stage.TEST, p).overall();
      } else {
        below =
            evaluator.evaluate(replay, split, Stage.TEST, withTailThreshold(p, edge)).tailItems();
      }
      replay.replay();
      int cases = below.cases() - casesBelow;
      double hits = below.hr() * below.cases() - hitsBelow;
      if (cases > 0) {
        String label = edge == Integer.MAX_VALUE ? lower + "+" : lower + "-" + (edge - 1);
        out.put(label, Math.max(0, Math.min(1, hits / cases)));
      }
      hitsBelow += hits;
      casesBelow += cases;
      lower = edge;
    }
    return out;
  }

  private static EvalProtocol withTailThreshold(EvalProtocol p, int threshold) {
    return new EvalProtocol(
        p.ranking(), p.negatives(), p.k(), threshold, p.tailUserThreshold(), p.seed());
  }

  private static void put(
      Map<String, Double> metrics,
      Map<String, Integer> counts,
      String group,
      GroupMetrics g,
      int k) {
    metrics.put(group + ".hr@" + k, g.hr());
    metrics.put(group + ".ndcg@" + k, g.ndcg());
    counts.put(group, g.cases());
  }

  /** The row a run belongs to. */
  record RowLabel(String backbone, String variant, String encoder) {}
}
