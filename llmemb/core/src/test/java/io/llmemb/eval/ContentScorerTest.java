package io.llmemb.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The content scorer against a naive cosine computation. */
class ContentScorerTest {

  private static double cosine(float[] m, int dim, int a, int b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int h = 0; h < dim; h++) {
      double x = m[(a - 1) * dim + h];
      double y = m[(b - 1) * dim + h];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void scoresAreTheMeanCosineToTheLatestItems() {
    Random rng = new Random(3);
    int items = 40;
    int dim = 7;
    float[] m = new float[items * dim];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) rng.nextGaussian() * (1 + i % 5);
    }
    int recent = 3;
    ContentScorer scorer = new ContentScorer(m, dim, recent);
    int[] history = {5, 17, 2, 33, 9};
    float[] row = scorer.score(List.of(history))[0];
    assertEquals(items + 1, row.length);
    for (int item = 1; item <= items; item++) {
      double naive = 0;
      for (int h : new int[] {2, 33, 9}) {
        naive += cosine(m, dim, item, h);
      }
      assertEquals(naive / recent, row[item], 1e-5, "item " + item);
    }
    // The most similar item to a one-item history is that item itself.
    float[] self = scorer.score(List.of(new int[] {12}))[0];
    assertEquals(1.0, self[12], 1e-5);
    for (int item = 1; item <= items; item++) {
      assertEquals(true, self[item] <= self[12] + 1e-6, "item " + item);
    }
  }

  @Test
  void itemsWithoutAVectorNeitherScoreNorCountInTheHistory() {
    float[] m = {1, 0, 0, 0, 0, 1, 1, 1};
    ContentScorer scorer = new ContentScorer(m, 2, 2);
    // Item 2 has no vector: it scores -inf, and a window of the last two items holding it uses
    // item 3 alone.
    float[] row = scorer.score(List.of(new int[] {1, 3, 2}))[0];
    assertEquals(Float.NEGATIVE_INFINITY, row[2]);
    assertEquals(0, row[1], 1e-6);
    assertEquals(Math.sqrt(0.5), row[4], 1e-6);
    float[] both = scorer.score(List.of(new int[] {1, 3}))[0];
    assertEquals((1 + 0) / 2.0, both[1], 1e-6);
    // A history with no vector scores every item with a vector 0.
    float[] none = scorer.score(List.of(new int[] {2}))[0];
    assertEquals(0f, none[1]);
    assertEquals(0f, none[4]);
    assertThrows(IllegalArgumentException.class, () -> new ContentScorer(m, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new ContentScorer(m, 2, 0));
  }
}
