package io.llmemb.bench.serving;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScalarDot;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.Scorer;
import io.llmemb.serving.scoring.ScoringSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-10 query (50 history rows excluded) against N item vectors of width d: the scalar scan
 * (the baseline), the Vector API scan serving uses, and the JVector graph, under JMH (wall-clock
 * time: use it on a quiet machine; {@link TopKBench} measures the same kernels by thread CPU time,
 * interleaved, for shared machines). The graph's recall@10 against the exact scan is written to the
 * file named by {@code -Dbench.annStats} when set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TopKJmh {

  static final int QUERIES = 128;

  @Param({"10000", "100000", "1000000"})
  int n;

  @Param({"64", "128"})
  int d;

  @Param({"scalar", "vector", "ann"})
  String scorer;

  private Scorer chosen;
  private float[][] queries;
  private int[] history;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ItemRows rows = SyntheticVectors.rows(n, d, 1);
    queries = SyntheticVectors.queries(rows, QUERIES, 2);
    history = SyntheticVectors.history(n, 3);
    chosen =
        switch (scorer) {
          case "scalar" -> new ExactScorer(rows, new ScalarDot());
          case "vector" -> new ExactScorer(rows, DotKernel.best());
          case "ann" -> buildGraph(rows);
          default -> throw new IllegalArgumentException("scorer " + scorer);
        };
  }

  private AnnScorer buildGraph(ItemRows rows) throws IOException {
    long started = System.nanoTime();
    AnnScorer ann = AnnScorer.buildNow(rows, ScoringSettings.DEFAULT);
    double buildSeconds = (System.nanoTime() - started) / 1e9;
    Scorer exact = new ExactScorer(rows, DotKernel.best());
    int hits = 0;
    for (float[] q : queries) {
      Set<Integer> truth = new HashSet<>();
      exact.top(q, 10, history).forEach(s -> truth.add(s.row()));
      for (ScoredRow s : ann.top(q, 10, history)) {
        hits += truth.contains(s.row()) ? 1 : 0;
      }
    }
    String out = System.getProperty("bench.annStats");
    if (out != null) {
      Files.writeString(Path.of(out), (hits / (10.0 * QUERIES)) + " " + buildSeconds + "\n");
    }
    return ann;
  }

  @Benchmark
  public List<ScoredRow> top10() {
    return chosen.top(queries[next++ & (QUERIES - 1)], 10, history);
  }
}
