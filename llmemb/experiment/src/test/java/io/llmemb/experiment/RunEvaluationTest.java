package io.llmemb.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.MlSubset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.PopularityScorer;
import io.llmemb.experiment.report.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEvaluationTest {

  private static final SequenceSplit SPLIT = MlSubset.load().split();

  @Test
  void popularityBucketsPartitionTheTestCasesAndAverageToOverall() {
    for (EvalProtocol p : List.of(EvalProtocol.sampled(7), EvalProtocol.full(7))) {
      RunResult r =
          RunEvaluation.evaluate(
                  new PopularityScorer(SPLIT),
                  Regime.warm(SPLIT),
                  List.of(p),
                  new RunEvaluation.RowLabel("Popularity", "None", "-"),
                  7,
                  List.of(),
                  "maxEpochs")
              .get(0);
      double hits = 0;
      int cases = 0;
      for (Map.Entry<String, Double> b : r.hrByPopularityBucket().entrySet()) {
        int n = casesIn(b.getKey());
        assertTrue(n > 0, "bucket " + b.getKey() + " is listed only when it has cases");
        hits += b.getValue() * n;
        cases += n;
      }
      assertEquals(SPLIT.numUsers(), cases, "buckets cover every test case once");
      assertEquals(r.metric("overall.hr@10"), hits / cases, 1e-9, p.ranking().name());
      assertEquals(SPLIT.numUsers(), r.groupCounts().get("overall"));
      assertEquals(
          r.groupCounts().get("overall"),
          r.groupCounts().get("tail") + r.groupCounts().get("head"));
    }
  }

  @Test
  void popularityScorerHitsPopularTargetsMoreThanTailOnes() {
    RunResult r =
        RunEvaluation.evaluate(
                new PopularityScorer(SPLIT),
                Regime.warm(SPLIT),
                List.of(EvalProtocol.sampled(3)),
                new RunEvaluation.RowLabel("Popularity", "None", "-"),
                3,
                List.of(),
                "maxEpochs")
            .get(0);
    List<Double> hr = List.copyOf(r.hrByPopularityBucket().values());
    // Buckets are sorted by their lower edge as text by the record's map; compare the extreme
    // buckets explicitly.
    double lowest =
        r.hrByPopularityBucket().entrySet().stream()
            .filter(e -> e.getKey().startsWith("1-"))
            .findFirst()
            .orElseThrow()
            .getValue();
    double highest =
        r.hrByPopularityBucket().entrySet().stream()
            .filter(e -> e.getKey().endsWith("+"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertTrue(highest > lowest, "popularity wins on popular targets: " + hr);
  }

  private static int casesIn(String bucket) {
    int lo;
    int hi;
    if (bucket.endsWith("+")) {
      lo = Integer.parseInt(bucket.substring(0, bucket.length() - 1));
      hi = Integer.MAX_VALUE;
    } else {
      String[] parts = bucket.split("-");
      lo = Integer.parseInt(parts[0]);
      hi = Integer.parseInt(parts[1]);
    }
    int n = 0;
    for (int u = 0; u < SPLIT.numUsers(); u++) {
      int pop = SPLIT.popularity()[SPLIT.test()[u]];
      if (pop >= lo && pop <= hi) {
        n++;
      }
    }
    return n;
  }
}
