package io.llmemb.bench.serving;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.ScoringSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recall@10 and per-query thread CPU time of one JVector graph at several search beams, on the
 * synthetic vectors of {@link TopKBench}: how the default beam of {@link ScoringSettings} was
 * chosen. Arguments: {@code [n] [d] [degree] [beam,beam,...]}; defaults {@code 30000 64 32
 * 100,200,400,800}.
 */
public final class AnnBeamSweep {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AnnBeamSweep() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int degree = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    String beams = args.length > 3 ? args[3] : "100,200,400,800";
    ItemRows rows = SyntheticVectors.rows(n, d, 1);
    float[][] queries = SyntheticVectors.queries(rows, 100, 2);
    int[] history = SyntheticVectors.history(n, 3);
    ExactScorer exact = new ExactScorer(rows, DotKernel.best());
    long started = System.nanoTime();
    AnnScorer ann = AnnScorer.buildNow(rows, new ScoringSettings(1, degree, 100, 100));
    System.out.printf(
        Locale.ROOT,
        "N %d, d %d, M %d: graph built in %.1f s (wall)%n",
        n,
        d,
        degree,
        (System.nanoTime() - started) / 1e9);
    for (String b : beams.split(",")) {
      int beam = Integer.parseInt(b);
      int hits = 0;
      long cpu = 0;
      for (float[] q : queries) {
        Set<Integer> truth = new HashSet<>();
        exact.top(q, 10, history).forEach(s -> truth.add(s.row()));
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (ScoredRow s : ann.top(q, 10, history, beam)) {
          hits += truth.contains(s.row()) ? 1 : 0;
        }
        cpu += THREADS.getCurrentThreadCpuTime() - t0;
      }
      System.out.printf(
          Locale.ROOT,
          "beam %4d: recall@10 %.3f, %.0f us per query (thread CPU)%n",
          beam,
          hits / (10.0 * queries.length),
          cpu / 1e3 / queries.length);
    }
  }
}
