package io.llmemb.bench.serving;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScalarDot;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.Scorer;
import io.llmemb.serving.scoring.ScoringSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The top-K kernels of {@link TopKJmh} measured so that a shared, overloaded machine still gives
 * usable ratios: the scorers run in the same process, interleaved round by round, timed by the
 * calling thread's CPU time (time spent descheduled does not count), median over the rounds; every
 * figure is also given as a ratio to the scalar scan of the same rounds. The graph's recall@10
 * against the exact scan and its build time come with it, and NumPy brute force (process CPU time,
 * one BLAS thread) right after.
 *
 * <p>Arguments: {@code [n,n,...] [d,d,...] [annMaxN] [json out]}; defaults {@code
 * 10000,100000,1000000 64,128 100000 bench/results/topk.json}. The graph is built only up to {@code
 * annMaxN} rows: on JDK 17 JVector inserts run without SIMD at a few hundred to a few thousand rows
 * per second per core.
 */
public final class TopKBench {

  private static final String PYTHON = System.getProperty("bench.python", "python3");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int QUERIES = 128;
  private static final int ROUNDS = 7;

  private TopKBench() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int[] ns = ints(args.length > 0 ? args[0] : "10000,100000,1000000");
    int[] ds = ints(args.length > 1 ? args[1] : "64,128");
    int annMax = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path json = Path.of(args.length > 3 ? args[3] : "bench/results/topk.json");
    System.out.println(
        "kernel: "
            + DotKernel.best().name()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cpus; per-query thread CPU time, median of "
            + ROUNDS
            + " interleaved rounds");
    System.out.printf(
        Locale.ROOT,
        "%-9s %-4s %11s %11s %9s %11s %9s %8s %9s %11s %10s %10s%n",
        "N",
        "d",
        "scalar us",
        "vector us",
        "vector x",
        "ann us",
        "ann x",
        "recall",
        "build s",
        "numpy us",
        "numpy/vec",
        "numpy/ann");
    List<Map<String, Object>> out = new ArrayList<>();
    for (int n : ns) {
      for (int d : ds) {
        out.add(measure(n, d, n <= annMax));
      }
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, toJson(out));
    System.out.println("wrote " + json);
  }

  private static Map<String, Object> measure(int n, int d, boolean withAnn)
      throws IOException, InterruptedException {
    ItemRows rows = SyntheticVectors.rows(n, d, 1);
    float[][] queries = SyntheticVectors.queries(rows, QUERIES, 2);
    int[] history = SyntheticVectors.history(n, 3);
    Map<String, Scorer> scorers = new LinkedHashMap<>();
    scorers.put("scalar", new ExactScorer(rows, new ScalarDot()));
    scorers.put("vector", new ExactScorer(rows, DotKernel.best()));
    double recall = Double.NaN;
    double buildSeconds = Double.NaN;
    if (withAnn) {
      long started = System.nanoTime();
      AnnScorer ann = AnnScorer.buildNow(rows, ScoringSettings.DEFAULT);
      buildSeconds = (System.nanoTime() - started) / 1e9;
      recall = recall(scorers.get("vector"), ann, queries, history);
      scorers.put("ann", ann);
    }
    int perRound = (int) Math.max(8, Math.min(QUERIES, 20_000_000L / ((long) n * d / 64)));
    Map<String, double[]> micros = new LinkedHashMap<>();
    scorers.keySet().forEach(k -> micros.put(k, new double[ROUNDS]));
    for (int round = -2; round < ROUNDS; round++) { // two rounds of warm-up for the JIT
      for (Map.Entry<String, Scorer> s : scorers.entrySet()) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int q = 0; q < perRound; q++) {
          s.getValue().top(queries[(round * perRound + q) & (QUERIES - 1)], 10, history);
        }
        if (round >= 0) {
          micros.get(s.getKey())[round] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / perRound;
        }
      }
    }
    double scalar = median(micros.get("scalar"));
    double vector = median(micros.get("vector"));
    double ann = withAnn ? median(micros.get("ann")) : Double.NaN;
    double numpy = numpyMicros(n, d);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", n);
    row.put("d", d);
    row.put("scalar_us", scalar);
    row.put("vector_us", vector);
    row.put("vector_speedup", scalar / vector);
    if (withAnn) {
      row.put("ann_us", ann);
      row.put("ann_speedup", scalar / ann);
      row.put("ann_recall_at_10", recall);
      row.put("ann_build_wall_s", buildSeconds);
    }
    if (!Double.isNaN(numpy)) {
      row.put("numpy_us", numpy);
      row.put("numpy_over_vector", numpy / vector);
      if (withAnn) {
        row.put("numpy_over_ann", numpy / ann);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-9d %-4d %11.1f %11.1f %8.2fx %11.1f %8.2fx %8.3f %9.1f %11.1f %9.2fx %9.2fx%n",
        n,
        d,
        scalar,
        vector,
        scalar / vector,
        ann,
        scalar / ann,
        recall,
        buildSeconds,
        numpy,
        numpy / vector,
        numpy / ann);
    return row;
  }

  private static double recall(Scorer exact, Scorer ann, float[][] queries, int[] history) {
    int hits = 0;
    for (float[] q : queries) {
      Set<Integer> truth = new HashSet<>();
      exact.top(q, 10, history).forEach(s -> truth.add(s.row()));
      for (ScoredRow s : ann.top(q, 10, history)) {
        hits += truth.contains(s.row()) ? 1 : 0;
      }
    }
    return hits / (10.0 * queries.length);
  }

  /** NumPy brute force on one thread, or NaN when python3 has no NumPy. */
  private static double numpyMicros(int n, int d) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                PYTHON, "bench/python/topk_numpy.py", Integer.toString(n), Integer.toString(d))
            .redirectErrorStream(true);
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    Process p = pb.start();
    double ms = Double.NaN;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("MS_PER_QUERY ")) {
          ms = Double.parseDouble(line.substring("MS_PER_QUERY ".length()).trim());
        }
      }
    }
    return p.waitFor() == 0 ? ms * 1000 : Double.NaN;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static String toJson(List<Map<String, Object>> rows) {
    StringBuilder out = new StringBuilder("[\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append("  {");
      int j = 0;
      for (Map.Entry<String, Object> e : rows.get(i).entrySet()) {
        out.append(j++ > 0 ? ", " : "").append('"').append(e.getKey()).append("\": ");
        Object v = e.getValue();
        out.append(v instanceof String ? "\"" + v + "\"" : String.format(Locale.ROOT, "%s", v));
      }
      out.append(i + 1 < rows.size() ? "},\n" : "}\n");
    }
    return out.append("]\n").toString();
  }
}
