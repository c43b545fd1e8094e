package io.llmemb.eval;

/**
 * HR@k and NDCG@k averaged over the cases of one group.
 *
 * @param cases number of test cases in the group
 * @param hr mean hit rate (0 when the group is empty)
 * @param ndcg mean NDCG (0 when the group is empty)
 */
public record GroupMetrics(int cases, double hr, double ndcg) {

  public GroupMetrics {
    if (cases < 0) {
      throw new IllegalArgumentException("cases must be >= 0, was " + cases);
    }
  }
}
