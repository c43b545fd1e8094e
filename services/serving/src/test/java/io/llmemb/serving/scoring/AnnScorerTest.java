package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Recall of the graph index against the exact scan on a fixed seed, and what it must never return.
 */
class AnnScorerTest {

  private static final int N = 8_000;
  private static final int H = 32;
  private static final ScoringSettings SETTINGS = new ScoringSettings(1, 16, 100, 100);

  @Test
  void recallAt10IsAtLeast095OnClusteredVectorsAndNewRowsAreFoundAtOnce() {
    float[][] vectors = clustered(N + 50, H, 5);
    ItemRows rows = new ItemRows(H);
    for (int i = 0; i < N; i++) {
      rows.put("i" + i, vectors[i]);
    }
    AnnScorer ann = AnnScorer.buildNow(rows, SETTINGS);
    assertTrue(ann.ready());
    ExactScorer exact = new ExactScorer(rows, new ScalarDot());

    Random random = new Random(9);
    int hits = 0;
    int queries = 100;
    for (int q = 0; q < queries; q++) {
      float[] query = vectors[random.nextInt(N)].clone();
      query[random.nextInt(H)] += 0.5f;
      Set<Integer> truth = rowsOf(exact.top(query, 10, new int[0]));
      List<ScoredRow> found = ann.top(query, 10, new int[0]);
      assertEquals(10, found.size());
      for (ScoredRow s : found) {
        hits += truth.contains(s.row()) ? 1 : 0;
        assertEquals(
            RandomRows.dot(query, vectors[s.row()]),
            s.score(),
            1e-4,
            "exact score of row " + s.row());
      }
    }
    double recall = hits / (10.0 * queries);
    assertTrue(recall >= 0.95, "recall@10 " + recall);

    // Inserted after the build: a new row is searchable at once, wherever the exact scan ranks it
    // in the top 10.
    int checked = 0;
    for (int i = N; i < N + 50; i++) {
      int row = rows.put("i" + i, vectors[i]);
      ann.added(row);
      if (rowsOf(exact.top(vectors[i], 10, new int[0])).contains(row)) {
        checked++;
        assertTrue(rowsOf(ann.top(vectors[i], 10, new int[0])).contains(row), "new row " + row);
      }
    }
    assertTrue(checked >= 25, "only " + checked + " new rows rank in their own exact top 10");
  }

  @Test
  void neverReturnsDeletedOrExcludedRows() {
    float[][] vectors = clustered(2_000, 16, 6);
    ItemRows rows = RandomRows.rows(vectors);
    AnnScorer ann = AnnScorer.buildNow(rows, SETTINGS);
    float[] query = vectors[42];
    List<ScoredRow> before = ann.top(query, 5, new int[0]);
    int deleted = before.get(0).row();
    rows.setActive("i" + deleted, false);
    int excluded = before.get(1).row();

    Set<Integer> after = rowsOf(ann.top(query, 5, new int[] {excluded}));

    assertFalse(after.contains(deleted));
    assertFalse(after.contains(excluded));
    assertEquals(5, after.size());
  }

  @Test
  void recallAt10IsAtLeast095WhenNormsVaryStrongly() {
    // Norms spread over a factor of 20, as trained item vectors' are (popular items longer): the
    // top 10 by dot product are then the long rows of the query's cluster.
    float[][] vectors = clusteredWithNorms(N, H, 7);
    ItemRows rows = RandomRows.rows(vectors);
    AnnScorer ann = AnnScorer.buildNow(rows, SETTINGS);
    ExactScorer exact = new ExactScorer(rows, new ScalarDot());

    Random random = new Random(11);
    int hits = 0;
    int queries = 200;
    for (int q = 0; q < queries; q++) {
      float[] query = vectors[random.nextInt(N)].clone();
      for (int j = 0; j < H; j++) {
        query[j] += 0.3f * (float) random.nextGaussian();
      }
      Set<Integer> truth = rowsOf(exact.top(query, 10, new int[0]));
      for (ScoredRow s : ann.top(query, 10, new int[0])) {
        hits += truth.contains(s.row()) ? 1 : 0;
      }
    }
    double recall = hits / (10.0 * queries);
    assertTrue(recall >= 0.95, "recall@10 " + recall);
  }

  @Test
  void aSearchVisitsAFewPerCentOfClusteredRowsAndTheScalarKernelFindsTheSameRows() {
    // Visits are what a search costs wherever it runs (cache misses per visited row): on clustered
    // rows a beam of 100 stays near the query's cluster. Isotropic rows (an untrained model's) take
    // several times more: AnnServiceGap in bench/ measures both.
    float[][] vectors = clusteredWithNorms(N, H, 12);
    ItemRows rows = RandomRows.rows(vectors);
    AnnScorer simd = AnnScorer.buildNow(rows, SETTINGS);
    AnnScorer scalar = AnnScorer.buildNow(rows, SETTINGS, new ScalarDot());
    ExactScorer exact = new ExactScorer(rows, new ScalarDot());
    Random random = new Random(13);
    long visited = 0;
    int[] hits = new int[2];
    int queries = 100;
    for (int q = 0; q < queries; q++) {
      float[] query = vectors[random.nextInt(N)].clone();
      query[random.nextInt(H)] += 0.5f;
      Set<Integer> truth = rowsOf(exact.top(query, 10, new int[0]));
      List<AnnScorer> both = List.of(simd, scalar);
      for (int i = 0; i < 2; i++) {
        List<ScoredRow> found = both.get(i).top(query, 10, new int[0]);
        for (ScoredRow s : found) {
          hits[i] += truth.contains(s.row()) ? 1 : 0;
          assertEquals(RandomRows.dot(query, vectors[s.row()]), s.score(), 1e-3, "row " + s.row());
        }
      }
      int v = simd.lastVisited();
      assertTrue(v >= SETTINGS.searchBeam(), "a search of beam 100 visited only " + v);
      visited += v;
    }
    assertTrue(visited / queries < N / 10, "mean visited " + visited / queries + " of " + N);
    assertTrue(hits[0] >= 0.95 * 10 * queries, "recall@10 (Vector API) " + hits[0]);
    assertTrue(hits[1] >= 0.95 * 10 * queries, "recall@10 (scalar) " + hits[1]);
  }

  @Test
  void aRowLongerThanEveryRowAtBuildTimeIsFoundExactly() {
    float[][] vectors = clusteredWithNorms(3_000, 16, 8);
    ItemRows rows = RandomRows.rows(vectors);
    AnnScorer ann = AnnScorer.buildNow(rows, SETTINGS);
    float longest = 0f;
    for (float[] v : vectors) {
      longest = Math.max(longest, (float) Math.sqrt(RandomRows.dot(v, v)));
    }
    // Ten times longer than any row at build time: it has no place on the graph's sphere.
    float[] direction = RandomRows.gaussian(1, 16, 99)[0];
    float length = (float) Math.sqrt(RandomRows.dot(direction, direction));
    float[] huge = new float[16];
    for (int j = 0; j < 16; j++) {
      huge[j] = direction[j] / length * 10f * longest;
    }
    int row = rows.put("huge", huge);
    ann.added(row);
    assertEquals(1, ann.overflowRows());

    List<ScoredRow> top = ann.top(direction, 5, new int[0]);
    assertEquals(row, top.get(0).row());
    assertEquals(RandomRows.dot(direction, huge), top.get(0).score(), 1e-2);
    assertEquals(5, rowsOf(top).size(), "no row twice");
    assertFalse(rowsOf(ann.top(direction, 5, new int[] {row})).contains(row), "excluded");
    rows.setActive("huge", false);
    assertFalse(rowsOf(ann.top(direction, 5, new int[0])).contains(row), "deleted");

    // A row of the graph whose vector is replaced by a longer one than Φ is scored exactly too.
    int replaced = 17;
    rows.put("i" + replaced, huge);
    ann.added(replaced);
    assertEquals(2, ann.overflowRows());
    assertEquals(replaced, ann.top(direction, 5, new int[0]).get(0).row());
  }

  /** {@link #clustered} rows each scaled by a factor from 0.1 to 2. */
  static float[][] clusteredWithNorms(int n, int h, long seed) {
    float[][] out = clustered(n, h, seed);
    Random random = new Random(seed + 100);
    for (float[] row : out) {
      float scale = 0.1f + 1.9f * random.nextFloat();
      for (int j = 0; j < h; j++) {
        row[j] *= scale;
      }
    }
    return out;
  }

  /** Gaussian clusters, the shape trained item vectors have (genres, co-watched groups). */
  static float[][] clustered(int n, int h, long seed) {
    Random random = new Random(seed);
    float[][] centres = RandomRows.gaussian(64, h, seed + 1);
    float[][] out = new float[n][h];
    for (int i = 0; i < n; i++) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int j = 0; j < h; j++) {
        out[i][j] = c[j] + 0.5f * (float) random.nextGaussian();
      }
    }
    return out;
  }

  private static Set<Integer> rowsOf(List<ScoredRow> top) {
    Set<Integer> out = new HashSet<>();
    top.forEach(s -> out.add(s.row()));
    return out;
  }
}
