package io.llmemb.bench.serving;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.ScoringSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recall@10 and per-query thread CPU time of one JVector graph at several search beams, beside the
 * exact scan's, on the synthetic vectors of {@link TopKBench}, and the graph's build rate: how the
 * defaults of {@link ScoringSettings} were chosen. Arguments: {@code [n] [d] [degree]
 * [beam,beam,...] [build beam] [baseline]}; defaults {@code 30000 64 32 100,200,400,800 100}. With
 * {@code baseline} the previous build ({@link LegacyGraphBuild}: JVector's own scalar comparisons
 * on lifted copies) is built first on the same rows, and the build rate is given as a ratio to it.
 */
public final class AnnBeamSweep {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int QUERIES = 500;

  private AnnBeamSweep() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int degree = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    String beams = args.length > 3 ? args[3] : "100,200,400,800";
    int buildBeam = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    boolean baseline = args.length > 5 && args[5].equals("baseline");
    ItemRows rows = SyntheticVectors.rows(n, d, 1);
    float[][] queries = SyntheticVectors.queries(rows, QUERIES, 2);
    int[] history = SyntheticVectors.history(n, 3);
    ExactScorer exact = new ExactScorer(rows, DotKernel.best());
    for (int q = 0; q < 20; q++) { // JIT warm-up
      exact.top(queries[q], 10, history);
    }
    List<Set<Integer>> truth = new ArrayList<>();
    long exactCpu = 0;
    for (float[] q : queries) {
      Set<Integer> best = new HashSet<>();
      long t0 = THREADS.getCurrentThreadCpuTime();
      List<ScoredRow> top = exact.top(q, 10, history);
      exactCpu += THREADS.getCurrentThreadCpuTime() - t0;
      top.forEach(s -> best.add(s.row()));
      truth.add(best);
    }
    double baselineRate = Double.NaN;
    if (baseline) {
      long cpu0 = processCpuNanos();
      long bytes = LegacyGraphBuild.build(rows, degree, buildBeam);
      baselineRate = n / ((processCpuNanos() - cpu0) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "baseline build (JVector's scalar EUCLIDEAN on lifted copies): %.0f rows per CPU-second,"
              + " graph %.0f bytes per row%n",
          baselineRate,
          bytes / (double) n);
    }
    long started = System.nanoTime();
    long startedCpu = processCpuNanos();
    AnnScorer ann = AnnScorer.buildNow(rows, new ScoringSettings(1, degree, buildBeam, 100));
    double wall = (System.nanoTime() - started) / 1e9;
    double cpu = (processCpuNanos() - startedCpu) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "N %d, d %d, M %d, build beam %d: graph built in %.1f s wall, %.1f s process CPU"
            + " (%.0f rows/s wall, %.0f rows per CPU-second)%n",
        n,
        d,
        degree,
        buildBeam,
        wall,
        cpu,
        n / wall,
        n / cpu);
    if (baseline) {
      System.out.printf(
          Locale.ROOT,
          "build rate %.2fx the baseline's; graph %.0f bytes per row%n",
          n / cpu / baselineRate,
          ann.graphBytes() / (double) n);
    }
    double exactMicros = exactCpu / 1e3 / queries.length;
    System.out.printf(Locale.ROOT, "exact scan: %.0f us per query (thread CPU)%n", exactMicros);
    String[] sweep = beams.split(",");
    for (float[] q : queries) { // JIT warm-up of the search
      ann.top(q, 10, history, Integer.parseInt(sweep[0]));
    }
    for (String b : sweep) {
      int beam = Integer.parseInt(b);
      int hits = 0;
      long searchCpu = 0;
      for (int q = 0; q < queries.length; q++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        List<ScoredRow> found = ann.top(queries[q], 10, history, beam);
        searchCpu += THREADS.getCurrentThreadCpuTime() - t0;
        for (ScoredRow s : found) {
          hits += truth.get(q).contains(s.row()) ? 1 : 0;
        }
      }
      double micros = searchCpu / 1e3 / queries.length;
      System.out.printf(
          Locale.ROOT,
          "beam %4d: recall@10 %.3f, %.0f us per query (thread CPU), exact scan / graph %.1fx%n",
          beam,
          hits / (10.0 * queries.length),
          micros,
          exactMicros / micros);
    }
  }

  /** CPU time of the whole process (the build runs on the common pool). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
