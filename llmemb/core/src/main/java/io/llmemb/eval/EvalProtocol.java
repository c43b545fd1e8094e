package io.llmemb.eval;

/**
 * How a model is evaluated, as data (docs/llmemb-method.md §5).
 *
 * @param ranking {@link Ranking#SAMPLED} (1 positive + {@code negatives} sampled items, the paper's
 *     protocol) or {@link Ranking#FULL} (every item except the user's history)
 * @param negatives sampled negatives per case (default {@value #DEFAULT_NEGATIVES}); ignored for
 *     full ranking
 * @param k cut-off of HR@k and NDCG@k (default {@value #DEFAULT_K})
 * @param tailItemThreshold items with popularity below this are tail; 0 = take the split's
 *     threshold
 * @param tailUserThreshold cases whose input has fewer items than this are tail users; 0 = take the
 *     split's
 * @param seed seed of the negative sampler
 */
public record EvalProtocol(
    Ranking ranking,
    int negatives,
    int k,
    int tailItemThreshold,
    int tailUserThreshold,
    long seed) {

  /** Official {@code test_neg}. */
  public static final int DEFAULT_NEGATIVES = 100;

  /** Paper's cut-off. */
  public static final int DEFAULT_K = 10;

  /** Candidate set. */
  public enum Ranking {
    /** 1 positive + sampled negatives. */
    SAMPLED,
    /** All items not in the user's history. */
    FULL
  }

  public EvalProtocol {
    if (ranking == null) {
      throw new IllegalArgumentException("ranking must be SAMPLED or FULL, was null");
    }
    if (ranking == Ranking.SAMPLED && negatives < 1) {
      throw new IllegalArgumentException(
          "negatives must be >= 1 for sampled ranking, was " + negatives);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (tailItemThreshold < 0 || tailUserThreshold < 0) {
      throw new IllegalArgumentException(
          "tail thresholds must be >= 0 (0 = from the split), were "
              + tailItemThreshold
              + "/"
              + tailUserThreshold);
    }
  }

  /** The paper's protocol: 100 sampled negatives, k = 10, thresholds from the split. */
  public static EvalProtocol sampled(long seed) {
    return new EvalProtocol(Ranking.SAMPLED, DEFAULT_NEGATIVES, DEFAULT_K, 0, 0, seed);
  }

  /** Full ranking, k = 10, thresholds from the split. */
  public static EvalProtocol full(long seed) {
    return new EvalProtocol(Ranking.FULL, DEFAULT_NEGATIVES, DEFAULT_K, 0, 0, seed);
  }

  /** Same protocol with another sampler seed (validation resamples negatives every epoch, §5). */
  public EvalProtocol withSeed(long newSeed) {
    return new EvalProtocol(ranking, negatives, k, tailItemThreshold, tailUserThreshold, newSeed);
  }
}
