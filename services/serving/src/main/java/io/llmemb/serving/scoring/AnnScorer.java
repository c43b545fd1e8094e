package io.llmemb.serving.scoring;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate top-K from a JVector graph (HNSW-style, inserts visible to concurrent searches) over
 * the rows of an {@link ItemRows}; graph node = row. The graph is built on its own daemon thread
 * from {@link #start}, so neither a model swap nor the stream threads wait for it; until {@link
 * #ready()} the caller scores exactly. After that a new row is inserted by the rows' writer at once
 * ({@link #added}), a fraction of a millisecond. Deleted and excluded rows are filtered during the
 * search rather than removed, so an undelete costs nothing. Candidates are scored by exact dot
 * product on the rows themselves, so scores equal the exact scorer's.
 *
 * <p>A row whose vector is replaced keeps its graph edges (found through its old neighbourhood); a
 * new model builds a new graph anyway.
 */
public final class AnnScorer implements Scorer {

  private static final Logger LOG = LoggerFactory.getLogger(AnnScorer.class);

  private final ItemRows rows;
  private final ScoringSettings settings;
  private final GraphIndexBuilder builder;
  private final RowValues values;
  private final ThreadLocal<GraphSearcher> searchers;
  private int nextRow;
  private volatile boolean ready;
  private volatile boolean closed;

  private AnnScorer(ItemRows rows, ScoringSettings settings) {
    this.rows = rows;
    this.settings = settings;
    this.values = new RowValues(rows);
    this.builder =
        GraphIndexBuilder.builder(
                values, VectorSimilarityFunction.DOT_PRODUCT, settings.maxDegree())
            .withBeamWidth(settings.buildBeam())
            .withNeighborOverflow(1.2f)
            .withAlpha(1.2f)
            .build();
    this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(builder.getGraph()));
  }

  /**
   * A scorer whose graph is being built in the background from the rows written so far, and then
   * kept current.
   */
  public static AnnScorer start(ItemRows rows, ScoringSettings settings) {
    AnnScorer scorer = new AnnScorer(rows, settings);
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
    AnnScorer scorer = new AnnScorer(rows, settings);
    synchronized (scorer) {
      scorer.builder.build(scorer.values);
      scorer.nextRow = rows.count();
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

  /** Stops a build still running (the model was replaced); queries then keep the exact path. */
  public void close() {
    closed = true;
  }

  @Override
  public synchronized void added(int row) {
    if (ready) {
      catchUp();
    }
  }

  @Override
  public List<ScoredRow> top(float[] query, int k, int[] excluded) {
    return top(query, k, excluded, settings.searchBeam());
  }

  /**
   * As {@link #top(float[], int, int[])} with another search beam (efSearch): recall against
   * latency.
   */
  public List<ScoredRow> top(float[] query, int k, int[] excluded, int beam) {
    if (k < 1) {
      return List.of();
    }
    GraphSearcher searcher = searchers.get();
    searcher.setView(builder.getGraph().getView());
    ScoreFunction.ExactScoreFunction score = row -> dot(query, row);
    Bits admissible = row -> rows.isActive(row) && Arrays.binarySearch(excluded, row) < 0;
    SearchResult result =
        searcher.search(
            new DefaultSearchScoreProvider(score),
            k,
            Math.max(k, beam),
            Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            admissible);
    List<ScoredRow> out = new ArrayList<>(result.getNodes().length);
    for (SearchResult.NodeScore node : result.getNodes()) {
      out.add(new ScoredRow(node.node, node.score));
    }
    return out;
  }

  @Override
  public String name() {
    return "ann-jvector-m" + settings.maxDegree() + "-ef" + settings.searchBeam();
  }

  private void build() {
    long started = System.nanoTime();
    // Insert without the lock (the writer's added() is a no-op until ready), then catch up under
    // it.
    while (!closed && nextRow < rows.count()) {
      builder.addGraphNode(nextRow, values);
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
        "ANN graph over {} rows built in {} ms",
        nextRow,
        (System.nanoTime() - started) / 1_000_000);
  }

  private void catchUp() {
    for (int end = rows.count(); nextRow < end; nextRow++) {
      builder.addGraphNode(nextRow, values);
    }
  }

  private float dot(float[] query, int row) {
    float[] chunk = rows.chunk(row >>> ItemRows.CHUNK_SHIFT);
    int offset = (row & (ItemRows.CHUNK_ROWS - 1)) * query.length;
    float s = 0f;
    for (int j = 0; j < query.length; j++) {
      s += query[j] * chunk[offset + j];
    }
    return s;
  }
}
