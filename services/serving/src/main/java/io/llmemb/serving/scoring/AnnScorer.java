package io.llmemb.serving.scoring;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.util.Bits;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate top-K from a JVector graph (HNSW-style, inserts visible to concurrent searches) over
 * the rows of an {@link ItemRows}; graph node = row. The graph is built on its own daemon thread
 * from {@link #start}, so neither a model swap nor the stream threads wait for it; until {@link
 * #ready()} the caller scores exactly. After that a new row is inserted by the rows' writer at once
 * ({@link #added}), a fraction of a millisecond. Deleted and excluded rows are filtered during the
 * search rather than removed, so an undelete costs nothing. Candidates are scored by exact dot
 * product on the rows themselves (with the exact scan's {@link DotKernel}), so scores equal the
 * exact scorer's.
 *
 * <p><b>Dot product as nearest neighbours.</b> Item vectors have very different norms, and a
 * proximity graph needs a metric; maximum inner product is not one (an item is not its own best
 * match). The graph is therefore built with the reduction of Bachrach et al. (2014, "Speeding up
 * the Xbox recommender system using a Euclidean transformation for inner-product spaces"): row x is
 * indexed as {@code [x, sqrt(Φ² - |x|²)]} with Φ at least every row's norm, so every indexed vector
 * has length Φ, and the query is {@code [q, 0]}; then {@code |[q, 0] - [x, ..]|² = |q|² + Φ² - 2 q
 * · x}, and the Euclidean nearest rows are exactly the rows of largest dot product. The graph is
 * built and searched with JVector's EUCLIDEAN similarity over that view, computed from the rows
 * themselves ({@link SphereScores}, no copy of the rows).
 *
 * <p><b>Rows longer than Φ.</b> Φ is fixed when the scorer starts: {@code HEADROOM} (1.1) times the
 * longest row then. A row added or replaced later with a larger norm has no place on the sphere
 * (its last component is clamped to 0), so the graph could rank it below rows it beats. Such rows
 * are kept in a small sorted overflow list: every query scores them exactly and merges them into
 * the graph's top-K, and the graph search never returns them, so none is counted twice. New items
 * of the same model have norms like the trained ones, so the list stays short (of m new items drawn
 * like the n at start, on average m / (n + 1) are longer than the longest at start, and fewer still
 * longer than Φ); a new model builds a new graph with a new Φ.
 *
 * <p>A row whose vector is replaced keeps its graph edges (found through its old neighbourhood); a
 * new model builds a new graph anyway.
 */
public final class AnnScorer implements Scorer {

  /**
   * Φ over the longest row at start. Slack pushes every row towards the pole of the sphere, which
   * costs recall once it is large (1.2 cost 0.03 of recall@10 at search beam 100 on the benchmark's
   * 30k vectors; 1.1 measured the same as none at 100k), while a row beyond Φ costs only one exact
   * dot product per query.
   */
  static final float HEADROOM = 1.1f;

  private static final Logger LOG = LoggerFactory.getLogger(AnnScorer.class);

  private final ItemRows rows;
  private final ScoringSettings settings;
  private final float phiSquared;
  private final GraphIndexBuilder builder;
  private final SphereScores scores;
  private final DotKernel kernel;
  private final ThreadLocal<Search> searches;
  private volatile int[] overflow = new int[0];
  private int nextRow;
  private volatile boolean ready;
  private volatile boolean closed;

  private AnnScorer(ItemRows rows, ScoringSettings settings, DotKernel kernel) {
    this.rows = rows;
    this.settings = settings;
    this.kernel = kernel;
    float longest = 0f;
    for (int r = 0, n = rows.count(); r < n; r++) {
      longest = Math.max(longest, rows.normSquared(r));
    }
    // No rows or only zero vectors: any length will do, later rows overflow it or not.
    this.phiSquared = longest > 0f ? longest * HEADROOM * HEADROOM : 1f;
    this.scores = new SphereScores(rows, kernel, phiSquared);
    this.builder =
        GraphIndexBuilder.builder(scores, rows.hidden() + 1, settings.maxDegree())
            .withBeamWidth(settings.buildBeam())
            .withNeighborOverflow(1.2f)
            .withAlpha(1.2f)
            .build();
    this.searches =
        ThreadLocal.withInitial(() -> new Search(new GraphSearcher(builder.getGraph())));
  }

  /**
   * A scorer whose graph is being built in the background from the rows written so far, and then
   * kept current.
   */
  public static AnnScorer start(ItemRows rows, ScoringSettings settings) {
    return start(rows, settings, DotKernel.best());
  }

  /** As {@link #start(ItemRows, ScoringSettings)}, scoring candidates with {@code kernel}. */
  public static AnnScorer start(ItemRows rows, ScoringSettings settings, DotKernel kernel) {
    AnnScorer scorer = new AnnScorer(rows, settings, kernel);
    Thread build = new Thread(scorer::build, "ann-build");
    build.setDaemon(true);
    build.start();
    return scorer;
  }

  /**
   * A scorer over rows already written, built before it returns on every core (benchmarks, tests);
   * the rows must not change meanwhile.
   */
  public static AnnScorer buildNow(ItemRows rows, ScoringSettings settings) {
    return buildNow(rows, settings, DotKernel.best());
  }

  /** As {@link #buildNow(ItemRows, ScoringSettings)}, scoring candidates with {@code kernel}. */
  public static AnnScorer buildNow(ItemRows rows, ScoringSettings settings, DotKernel kernel) {
    AnnScorer scorer = new AnnScorer(rows, settings, kernel);
    synchronized (scorer) {
      int n = rows.count();
      for (int r = 0; r < n; r++) {
        scorer.checkNorm(r);
      }
      IntStream.range(0, n).parallel().forEach(scorer::insert);
      scorer.builder.cleanup();
      scorer.nextRow = n;
      scorer.ready = true;
    }
    return scorer;
  }

  /** Whether the graph holds every row and answers queries. */
  public boolean ready() {
    return ready;
  }

  /** Heap bytes the graph holds (its edges; the vectors are the rows'). */
  public long graphBytes() {
    return builder.getGraph().ramBytesUsed();
  }

  /**
   * Graph nodes the calling thread's last {@link #top} scored (JVector's visited count, the entry
   * point not included): the work of a search, whatever the machine (benchmarks, tests).
   */
  public int lastVisited() {
    return searches.get().visited;
  }

  /** Rows longer than Φ, scored exactly on every query. */
  public int overflowRows() {
    return overflow.length;
  }

  /** Stops a build still running (the model was replaced); queries then keep the exact path. */
  public void close() {
    closed = true;
  }

  @Override
  public synchronized void added(int row) {
    // Also a replaced vector: it may now be longer than Φ.
    checkNorm(row);
    if (ready) {
      catchUp();
    }
  }

  @Override
  public List<ScoredRow> top(float[] query, int k, int[] excluded) {
    return top(query, k, excluded, settings.beamAt(rows.count()));
  }

  /**
   * As {@link #top(float[], int, int[])} with a given search beam (efSearch) instead of the one
   * {@link ScoringSettings#beamAt} gives for the graph's size: recall against latency.
   */
  public List<ScoredRow> top(float[] query, int k, int[] excluded, int beam) {
    if (k < 1) {
      return List.of();
    }
    int[] longRows = overflow; // one snapshot: a row is either searched or scored here, not both
    Search search = searches.get();
    GraphSearcher searcher = search.searcher;
    searcher.setView(builder.getGraph().getView());
    // EUCLIDEAN's own score on the view: 1 / (1 + |[q, 0] - row|²), positive as JVector expects
    // (it drops non-positive scores on the upper layers).
    float base = normSquared(query) + phiSquared;
    float scale = scores.scaleSquared();
    ScoreFunction.ExactScoreFunction score =
        row -> 1f / (1f + scale * Math.max(0f, base - 2f * rows.dot(kernel, query, row)));
    Bits admissible =
        row ->
            rows.isActive(row)
                && Arrays.binarySearch(excluded, row) < 0
                && (longRows.length == 0 || Arrays.binarySearch(longRows, row) < 0);
    SearchResult result =
        searcher.search(
            new DefaultSearchScoreProvider(score),
            k,
            Math.max(k, beam),
            Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            admissible);
    search.visited = result.getVisitedCount();
    TopK best = new TopK(k);
    for (SearchResult.NodeScore node : result.getNodes()) {
      best.offer(node.node, rows.dot(kernel, query, node.node));
    }
    for (int row : longRows) {
      if (rows.isActive(row) && Arrays.binarySearch(excluded, row) < 0) {
        best.offer(row, rows.dot(kernel, query, row));
      }
    }
    return best.toList();
  }

  @Override
  public String name() {
    return "ann-jvector-m" + settings.maxDegree() + "-ef" + settings.searchBeam();
  }

  private void build() {
    long started = System.nanoTime();
    // Insert without the lock (the writer's added() only checks the norm until ready), then catch
    // up under it.
    while (!closed && nextRow < rows.count()) {
      checkNorm(nextRow);
      insert(nextRow);
      nextRow++;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      catchUp();
      builder.cleanup();
      ready = true;
    }
    LOG.info(
        "ANN graph over {} rows built in {} ms ({} rows longer than phi, scored exactly)",
        nextRow,
        (System.nanoTime() - started) / 1_000_000,
        overflow.length);
  }

  private void catchUp() {
    for (int end = rows.count(); nextRow < end; nextRow++) {
      checkNorm(nextRow);
      insert(nextRow);
    }
  }

  private void insert(int row) {
    builder.addGraphNode(row, scores.searchProviderFor(row));
  }

  /**
   * Records the length of {@code row} for the graph's scores and puts the row on the overflow list
   * when its vector is longer than Φ.
   */
  private void checkNorm(int row) {
    if (scores.record(row) > phiSquared) {
      addOverflow(row);
    }
  }

  private synchronized void addOverflow(int row) {
    int[] current = overflow;
    int at = Arrays.binarySearch(current, row);
    if (at >= 0) {
      return;
    }
    int insert = -at - 1;
    int[] next = new int[current.length + 1];
    System.arraycopy(current, 0, next, 0, insert);
    next[insert] = row;
    System.arraycopy(current, insert, next, insert + 1, current.length - insert);
    overflow = next;
  }

  /** One thread's searcher and what its last search cost. */
  private static final class Search {
    final GraphSearcher searcher;
    int visited;

    Search(GraphSearcher searcher) {
      this.searcher = searcher;
    }
  }

  private static float normSquared(float[] v) {
    float s = 0f;
    for (float x : v) {
      s += x * x;
    }
    return s;
  }
}
