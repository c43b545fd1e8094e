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
