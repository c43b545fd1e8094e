package io.llmemb.eval;

/** Running sums of HR and NDCG for one group of cases. */
final class GroupAccumulator {

  private int cases;
  private double hr;
  private double ndcg;

  void add(int rank, int k) {
    cases++;
    hr += RankMetrics.hit(rank, k);
    ndcg += RankMetrics.ndcg(rank, k);
  }

  GroupMetrics result() {
    return cases == 0
        ? new GroupMetrics(0, 0, 0)
        : new GroupMetrics(cases, hr / cases, ndcg / cases);
  }
}
