package io.llmemb.demo;

import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** Percentiles of the new-item probes: catalog publish → candidate and embedding → candidate. */
final class Freshness {

  private Freshness() {}

  static String summary(List<NewItemProbe.Result> probes) {
    Histogram publish = new Histogram(3);
    Histogram embedding = new Histogram(3);
    long missed = 0;
    for (NewItemProbe.Result r : probes) {
      Optional<Long> p = r.publishToCandidateMs();
      if (p.isEmpty()) {
        missed++;
        continue;
      }
      publish.recordValue(Math.max(0, p.get()));
      embedding.recordValue(Math.max(0, r.embeddingToCandidateMs().orElseThrow()));
    }
    if (publish.getTotalCount() == 0) {
      return "no new item reached a top-K list (" + missed + " tried)";
    }
    return String.format(
        "%d new items, publish -> candidate p50 %d ms p99 %d ms max %d ms; embedding -> "
            + "candidate p50 %d ms p99 %d ms; %d not in any top-K within the wait",
        publish.getTotalCount(),
        publish.getValueAtPercentile(50),
        publish.getValueAtPercentile(99),
        publish.getMaxValue(),
        embedding.getValueAtPercentile(50),
        embedding.getValueAtPercentile(99),
        missed);
  }
}
