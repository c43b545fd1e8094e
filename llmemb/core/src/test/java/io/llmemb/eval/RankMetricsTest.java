package io.llmemb.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact values on hand-computed cases. */
class RankMetricsTest {

  @Test
  void rankCountsCandidatesScoringAtLeastThePositive() {
    float[] scores = {0f, 0.9f, 0.5f, 0.7f, 0.5f, 0.1f};
    assertEquals(1, RankMetrics.rank(scores, 3, new int[] {1, 2, 4, 5}));
    assertEquals(0, RankMetrics.rank(scores, 1, new int[] {2, 3, 4, 5}));
    // Ties are pessimistic: item 4 ties with item 2, so item 2 is ranked after items 1, 3 and 4.
    assertEquals(3, RankMetrics.rank(scores, 2, new int[] {1, 3, 4, 5}));
  }

  @Test
  void hitAndNdcgAtTen() {
    assertEquals(1.0, RankMetrics.ndcg(0, 10), 1e-12);
    assertEquals(1.0 / (Math.log(3) / Math.log(2)), RankMetrics.ndcg(1, 10), 1e-12); // 0.6309...
    assertEquals(0.6309297535714575, RankMetrics.ndcg(1, 10), 1e-12);
    assertEquals(0.2890648263178879, RankMetrics.ndcg(9, 10), 1e-12); // 1/log2(11)
    assertEquals(0.0, RankMetrics.ndcg(10, 10), 0.0);
    assertEquals(1.0, RankMetrics.hit(9, 10), 0.0);
    assertEquals(0.0, RankMetrics.hit(10, 10), 0.0);
  }
}
