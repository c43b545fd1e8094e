package io.llmemb.bench.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TopKJmh} for every N and d asked for and prints, per configuration, microseconds per query and the
 * speed-up over the scalar scan measured in the same run (the machines are shared and noisy: only ratios of one
 * run compare), the graph's recall@10 and build time, and NumPy brute force measured right after it.
 *
 * <p>Arguments: {@code [n,n,...] [d,d,...] [annMaxN] [json out]}; defaults {@code 10000,100000,1000000 64,128
 * 100000 bench/results/topk.json}. The graph is built only up to {@code annMaxN} rows (its build runs at about
 * 1-2k inserts/s per core on JDK 17, see bench/README.md).
 */
public final class TopKBench {

  private static final String PYTHON = System.getProperty("bench.python", "python3");

  private TopKBench() {}

  public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
    int[] ns = ints(args.length > 0 ? args[0] : "10000,100000,1000000");
    int[] ds = ints(args.length > 1 ? args[1] : "64,128");
    int annMax = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path json = Path.of(args.length > 3 ? args[3] : "bench/results/topk.json");
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%-9s %-4s %12s %12s %10s %12s %10s %8s %9s %12s %11s%n", "N", "d",
        "scalar us", "vector us", "vector x", "ann us", "ann x", "recall", "build s", "numpy us", "numpy/vec");
    for (int n : ns) {
      for (int d : ds) {
        rows.add(measure(n, d, n <= annMax));
      }
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, toJson(rows));
    System.out.println("wrote " + json);
  }

  private static Map<String, Object> measure(int n, int d, boolean ann) throws RunnerException, IOException,
      InterruptedException {
    Path stats = Files.createTempFile("ann-stats", ".txt");
    String[] scorers = ann ? new String[] {"scalar", "vector", "ann"} : new String[] {"scalar", "vector"};
    Options options = new OptionsBuilder().include(TopKJmh.class.getName() + ".top10")
        .param("n", Integer.toString(n)).param("d", Integer.toString(d)).param("scorer", scorers)
        .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC",
            "-Dbench.annStats=" + stats)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> us = new LinkedHashMap<>();
    for (RunResult r : results) {
      us.put(r.getParams().getParam("scorer"), r.getPrimaryResult().getScore());
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", n);
    row.put("d", d);
    double scalar = us.get("scalar");
    double vector = us.get("vector");
    row.put("scalar_us", scalar);
    row.put("vector_us", vector);
    row.put("vector_speedup", scalar / vector);
    double annUs = Double.NaN;
    double recall = Double.NaN;
    double build = Double.NaN;
    if (ann) {
      annUs = us.get("ann");
      String[] s = Files.readString(stats).trim().split(" ");
      recall = Double.parseDouble(s[0]);
      build = Double.parseDouble(s[1]);
      row.put("ann_us", annUs);
      row.put("ann_speedup", scalar / annUs);
      row.put("ann_recall_at_10", recall);
      row.put("ann_build_s", build);
    }
    double numpy = numpyMicros(n, d);
    if (!Double.isNaN(numpy)) {
      row.put("numpy_us", numpy);
      row.put("numpy_over_vector", numpy / vector);
      if (ann) {
        row.put("numpy_over_ann", numpy / annUs);
      }
    }
    System.out.printf(Locale.ROOT, "%-9d %-4d %12.1f %12.1f %9.2fx %12.1f %9.2fx %8.3f %9.1f %12.1f %10.2fx%n",
        n, d, scalar, vector, scalar / vector, annUs, scalar / annUs, recall, build, numpy, numpy / vector);
    return row;
  }

  /** NumPy brute force on one thread, or NaN when python3 has no NumPy. */
  private static double numpyMicros(int n, int d) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(PYTHON, "bench/python/topk_numpy.py", Integer.toString(n),
        Integer.toString(d)).redirectErrorStream(true);
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    Process p = pb.start();
    double ms = Double.NaN;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("MS_PER_QUERY ")) {
          ms = Double.parseDouble(line.substring("MS_PER_QUERY ".length()).trim());
        }
      }
    }
    return p.waitFor() == 0 ? ms * 1000 : Double.NaN;
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
