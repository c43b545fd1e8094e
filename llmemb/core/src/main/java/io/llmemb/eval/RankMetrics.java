package io.llmemb.eval;

/**
 * Rank and per-case metrics (docs/llmemb-method.md §5).
 *
 * <p>Ties are broken pessimistically and deterministically: the positive is ranked below every
 * candidate with an equal score. The official double argsort breaks ties arbitrarily; pessimism
 * makes a constant scorer score zero instead of getting lucky.
 */
public final class RankMetrics {

  private RankMetrics() {}

  /**
   * 0-based rank of the positive among {@code candidates}: the number of candidates scoring {@code
   * >=} it.
   *
   * @param scores one row of item scores
   * @param positive the target item id
   * @param candidates the competing item ids (not containing {@code positive})
   */
  public static int rank(float[] scores, int positive, int[] candidates) {
    float target = scores[positive];
    int rank = 0;
    for (int c : candidates) {
      if (scores[c] >= target || Float.isNaN(scores[c])) {
        rank++;
      }
    }
    return rank;
  }

  /** HR@k = 1[rank < k]. */
  public static double hit(int rank, int k) {
    return rank < k ? 1.0 : 0.0;
  }

  /** NDCG@k = 1 / log2(rank + 2) when rank < k, else 0 (a single relevant item). */
  public static double ndcg(int rank, int k) {
    return rank < k ? 1.0 / (Math.log(rank + 2) / Math.log(2)) : 0.0;
  }
}
