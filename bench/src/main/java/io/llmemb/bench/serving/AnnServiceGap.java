package io.llmemb.bench.serving;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScalarDot;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.ScoringSettings;
import io.llmemb.srs.BackboneConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Why one graph search costs more in the service than in {@link AnnBeamSweep}: every difference
 * between the two set-ups, one at a time, in one process, as thread CPU per query, JVector's
 * visited count and recall@10, each against the sweep's own set-up measured in the same run.
 *
 * <p>The service's rows and queries are rebuilt the way {@code ServingLoadBench} makes them: the
 * same seeded, untrained fused release over the same catalogue ({@link LoadCatalogue}), its item
 * table in catalogue order, and user vectors that SASRec encodes from histories drawn by
 * popularity, with those histories excluded. Arguments: {@code [n] [queries] [movieLens dir]};
 * defaults {@code 100000 300 data/ml-latest-small}.
 */
public final class AnnServiceGap {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final BackboneConfig SASREC = new BackboneConfig(64, 2, 1, 0.2f, 50, 0.6f);
  private static final int K = 10;
  private static final int ROUNDS = 3;

  /** Streamed between queries to evict the rows and the graph, as the rest of the service does. */
  private static final float[] FLUSH = new float[32 << 20];

  private AnnServiceGap() {}

  /** One query set: the query vectors and the sorted rows each excludes. */
  record Queries(String name, float[][] vectors, int[][] excluded) {}

  /** One measured cell. */
  record Cell(String name, AnnScorer graph, ExactScorer exact, Queries queries, boolean flush) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path movieLens = Path.of(args.length > 2 ? args[2] : "data/ml-latest-small");
    ScoringSettings settings = ScoringSettings.DEFAULT;
    DotKernel simd = DotKernel.best();
    DotKernel scalar = new ScalarDot();

    // The sweep's set-up: clustered synthetic rows, queries near rows, 50 random rows excluded.
    ItemRows synthetic = SyntheticVectors.rows(n, 64, 1);
    float[][] nearRows = SyntheticVectors.queries(synthetic, count, 2);
    int[] sweepHistory = SyntheticVectors.history(n, 3);
    int[][] sameHistory = new int[count][];
    Arrays.fill(sameHistory, sweepHistory);
    Queries sweepQueries = new Queries("rows+noise, 50 random excl.", nearRows, sameHistory);

    // The service's set-up: the load bench's fused release.
    LoadCatalogue catalogue = LoadCatalogue.of(n, movieLens, 42);
    Path store = Files.createTempDirectory("ann-gap");
    catalogue.writeRelease(store, "gap", "v1", SASREC);
    ServingModel model = ServingModels.load(store.resolve("gap").resolve("v1"));
    ItemRows fused = new ItemRows(64);
    float[] table = model.itemVectors();
    float[] v = new float[64];
    for (int i = 0; i < n; i++) {
      System.arraycopy(table, i * 64, v, 0, 64);
      fused.put(catalogue.ids().get(i), v);
    }
    Queries users = users(model, catalogue, fused, count, 50, 7);
    Queries shortUsers = users(model, catalogue, fused, count, 4, 8);
    Queries usersNoExcl = new Queries("user vectors, no excl.", users.vectors, empty(count));
    Queries fusedNearRows =
        new Queries("fused rows+noise, no excl.", nearRows(fused, count, 0.1f, 9), empty(count));
    Queries mixtures =
        new Queries("mix of 5 rows, no excl.", mixtures(fused, count, 10), empty(count));
    Queries longUsers = new Queries("user vectors x10", scaled(users.vectors, 10f), users.excluded);
    describe("synthetic rows", synthetic, nearRows);
    describe("fused rows", fused, users.vectors);

    volatileReads(fused);

    // The two incremental builds run on their own threads while the bulk builds run here.
    long t0 = System.nanoTime();
    AnnScorer fusedStarted = AnnScorer.start(fused, settings, scalar);
    AnnScorer fusedStartedSimd = AnnScorer.start(fused, settings, simd);
    AnnScorer synthNow = AnnScorer.buildNow(synthetic, settings, scalar);
    AnnScorer fusedNow = AnnScorer.buildNow(fused, settings, scalar);
    while (!fusedStarted.ready() || !fusedStartedSimd.ready()) {
      Thread.sleep(200);
    }
    System.out.printf(Locale.ROOT, "four graphs built in %.0f s%n", (System.nanoTime() - t0) / 1e9);

    ExactScorer synthExact = new ExactScorer(synthetic, simd);
    ExactScorer fusedExact = new ExactScorer(fused, simd);
    List<Cell> cells = new ArrayList<>();
    cells.add(
        new Cell("sweep: synthetic, buildNow, scalar", synthNow, synthExact, sweepQueries, false));
    cells.add(new Cell("sweep + cache flushed", synthNow, synthExact, sweepQueries, true));
    cells.add(
        new Cell(
            "(e) fused rows, buildNow, rows+noise", fusedNow, fusedExact, fusedNearRows, false));
    cells.add(new Cell("(e) fused, buildNow, row mixtures", fusedNow, fusedExact, mixtures, false));
    cells.add(
        new Cell("(e) fused, buildNow, users, no excl.", fusedNow, fusedExact, usersNoExcl, false));
    cells.add(new Cell("(b) fused, buildNow, users, 50 excl.", fusedNow, fusedExact, users, false));
    cells.add(
        new Cell("(b) fused, buildNow, users, <=4 excl.", fusedNow, fusedExact, shortUsers, false));
    cells.add(new Cell("(e) fused, buildNow, users x10", fusedNow, fusedExact, longUsers, false));
    cells.add(
        new Cell("(a) fused, start, users, 50 excl.", fusedStarted, fusedExact, users, false));
    cells.add(new Cell("service: (a) + cache flushed", fusedStarted, fusedExact, users, true));
    cells.add(new Cell("(c) service, SIMD dot", fusedStartedSimd, fusedExact, users, false));
    cells.add(
        new Cell("(c) service, SIMD dot, flushed", fusedStartedSimd, fusedExact, users, true));

    for (Cell c : cells) { // warm-up, also of the JIT
      measure(c, settings.searchBeam());
    }
    double[][][] rounds = new double[ROUNDS][][];
    for (int r = 0; r < ROUNDS; r++) {
      rounds[r] = new double[cells.size()][];
      for (int c = 0; c < cells.size(); c++) {
        rounds[r][c] = measure(cells.get(c), settings.searchBeam());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%-42s %9s %8s %9s %8s %9s %10s%n",
        "cell (beam " + settings.searchBeam() + ", k " + K + ")",
        "us/query",
        "x sweep",
        "visited",
        "x sweep",
        "recall@10",
        "ns/visited");
    double baseMicros = 0;
    double baseVisited = 0;
    for (int c = 0; c < cells.size(); c++) {
      double[] micros = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        micros[r] = rounds[r][c][0];
      }
      Arrays.sort(micros);
      double us = micros[ROUNDS / 2];
      double visited = rounds[0][c][1];
      double recall = rounds[0][c][2];
      if (c == 0) {
        baseMicros = us;
        baseVisited = visited;
      }
      System.out.printf(
          Locale.ROOT,
          "%-42s %9.0f %7.2fx %9.0f %7.2fx %9.3f %10.1f%n",
          cells.get(c).name() + " / " + cells.get(c).queries().name(),
          us,
          us / baseMicros,
          visited,
          visited / baseVisited,
          recall,
          us * 1e3 / visited);
    }
  }

  /** One pass over the queries: mean thread CPU µs, mean visited count, recall@10. */
  private static double[] measure(Cell c, int beam) {
    Queries q = c.queries();
    long cpu = 0;
    long visited = 0;
    int hits = 0;
    List<List<ScoredRow>> results = new ArrayList<>();
    for (int i = 0; i < q.vectors().length; i++) {
      if (c.flush()) {
        flush();
      }
      long t0 = THREADS.getCurrentThreadCpuTime();
      results.add(c.graph().top(q.vectors()[i], K, q.excluded()[i], beam));
      cpu += THREADS.getCurrentThreadCpuTime() - t0;
      visited += c.graph().lastVisited();
    }
    // Recall after the timed loop: an exact scan between searches would warm the caches.
    for (int i = 0; i < q.vectors().length; i++) {
      List<ScoredRow> found = results.get(i);
      Set<Integer> truth = new HashSet<>();
      c.exact().top(q.vectors()[i], K, q.excluded()[i]).forEach(s -> truth.add(s.row()));
      for (ScoredRow s : found) {
        hits += truth.contains(s.row()) ? 1 : 0;
      }
    }
    int m = q.vectors().length;
    return new double[] {cpu / 1e3 / m, (double) visited / m, hits / (double) (K * m)};
  }

  /**
   * (d): scalar dots of random rows through {@link ItemRows#chunk} (a volatile read per row, as the
   * search does) against the same through one snapshot of the chunk array, thread CPU per row.
   */
  private static void volatileReads(ItemRows rows) {
    int n = rows.count();
    int[] order = new Random(11).ints(2_000_000, 0, n).toArray();
    float[] q = rows.vector(0);
    float[][] snapshot = new float[(n + ItemRows.CHUNK_ROWS - 1) / ItemRows.CHUNK_ROWS][];
    for (int c = 0; c < snapshot.length; c++) {
      snapshot[c] = rows.chunk(c);
    }
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
    float sink = 0;
    for (int round = 0; round < 5; round++) {
      for (int variant = 0; variant < 2; variant++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int row : order) {
          float[] chunk = variant == 0 ? rows.chunk(row >>> 12) : snapshot[row >>> 12];
          int offset = (row & (ItemRows.CHUNK_ROWS - 1)) * q.length;
          float s = 0f;
          for (int j = 0; j < q.length; j++) {
            s += q[j] * chunk[offset + j];
          }
          sink += s;
        }
        best[variant] =
            Math.min(
                best[variant], (THREADS.getCurrentThreadCpuTime() - t0) / (double) order.length);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "(d) random-row dot: %.1f ns through ItemRows.chunk (volatile), %.1f ns through a"
            + " snapshot (%.2fx)%s%n",
        best[0],
        best[1],
        best[0] / best[1],
        sink == 42f ? " " : "");
  }

  private static void flush() {
    float s = 0;
    for (int i = 0; i < FLUSH.length; i += 16) {
      FLUSH[i] += 1f;
      s += FLUSH[i];
    }
    if (s == 42f) {
      System.out.print("");
    }
  }

  /** User vectors SASRec encodes from {@code length} items drawn by popularity, those excluded. */
  private static Queries users(
      ServingModel model,
      LoadCatalogue catalogue,
      ItemRows rows,
      int count,
      int length,
      long seed) {
    Random random = new Random(seed);
    float[][] vectors = new float[count][];
    int[][] excluded = new int[count][];
    for (int q = 0; q < count; q++) {
      int len = 1 + random.nextInt(length);
      int[] history = new int[len];
      for (int i = 0; i < len; i++) {
        history[i] = rows.rowOf(catalogue.draw(random)) + 1; // internal ids are rows + 1
      }
      vectors[q] = model.encodeUser(history);
      excluded[q] = Arrays.stream(history).map(h -> h - 1).distinct().sorted().toArray();
    }
    return new Queries("user vectors, <=" + length + " excl.", vectors, excluded);
  }

  private static float[][] nearRows(ItemRows rows, int count, float noise, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[count][];
    for (int q = 0; q < count; q++) {
      float[] v = rows.vector(random.nextInt(rows.count()));
      double norm = Math.sqrt(dot(v, v) / v.length);
      for (int j = 0; j < v.length; j++) {
        v[j] += (float) (noise * norm * random.nextGaussian());
      }
      out[q] = v;
    }
    return out;
  }

  private static float[][] mixtures(ItemRows rows, int count, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[count][rows.hidden()];
    for (float[] v : out) {
      for (int m = 0; m < 5; m++) {
        float[] r = rows.vector(random.nextInt(rows.count()));
        float w = random.nextFloat();
        for (int j = 0; j < v.length; j++) {
          v[j] += w * r[j];
        }
      }
    }
    return out;
  }

  private static float[][] scaled(float[][] vectors, float factor) {
    float[][] out = new float[vectors.length][];
    for (int q = 0; q < vectors.length; q++) {
      out[q] = vectors[q].clone();
      for (int j = 0; j < out[q].length; j++) {
        out[q][j] *= factor;
      }
    }
    return out;
  }

  private static int[][] empty(int count) {
    int[][] out = new int[count][];
    Arrays.fill(out, new int[0]);
    return out;
  }

  /** Row norms, query norms and the queries' best cosine with a row: how alike the two sets are. */
  private static void describe(String name, ItemRows rows, float[][] queries) {
    double[] norms = new double[rows.count()];
    for (int r = 0; r < norms.length; r++) {
      float[] x = rows.vector(r);
      norms[r] = Math.sqrt(dot(x, x));
    }
    Arrays.sort(norms);
    double[] qn = Arrays.stream(queries).mapToDouble(q -> Math.sqrt(dot(q, q))).sorted().toArray();
    double cos = 0;
    float[] mean = new float[rows.hidden()];
    for (int r = 0; r < rows.count(); r++) {
      float[] x = rows.vector(r);
      for (int j = 0; j < x.length; j++) {
        mean[j] += x[j] / rows.count();
      }
    }
    for (float[] q : queries) {
      cos += dot(q, mean) / Math.sqrt(dot(q, q) * dot(mean, mean)) / queries.length;
    }
    System.out.printf(
        Locale.ROOT,
        "%s: row norm p10/p50/p90/max %.3f/%.3f/%.3f/%.3f, query norm p50 %.3f,"
            + " |mean row| %.3f, mean cos(query, mean row) %.3f%n",
        name,
        norms[norms.length / 10],
        norms[norms.length / 2],
        norms[norms.length * 9 / 10],
        norms[norms.length - 1],
        qn[qn.length / 2],
        Math.sqrt(dot(mean, mean)),
        cos);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (double) a[j] * b[j];
    }
    return s;
  }
}
