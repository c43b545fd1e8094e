package io.llmemb.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What the new-item probes showed: per item, catalog publish → first appearance in any list and the
 * rank it had there; percentiles over the items; and whether the run failed to show any new item.
 */
final class Freshness {

  private Freshness() {}

  /** One line per probe, then the summary line. */
  static List<String> lines(List<NewItemProbe.Result> probes) {
    List<String> out = new ArrayList<>(probes.size() + 1);
    for (NewItemProbe.Result r : probes) {
      out.add(line(r));
    }
    out.add(summary(probes));
    return out;
  }

  /** Publish → first list and the rank there, or that the item never made a list. */
  static String line(NewItemProbe.Result r) {
    Optional<Long> p = r.publishToCandidateMs();
    if (p.isEmpty()) {
      return r.itemId()
          + ": not in any list within the wait (embedded "
          + (r.embedded() - r.published())
          + " ms after publish)";
    }
    return r.itemId()
        + ": publish -> first list "
        + p.get()
        + " ms, rank "
        + r.rank().map(String::valueOf).orElse("?")
        + (r.explorationSlot() ? " (exploration slot)" : "")
        + ", user "
        + r.user().orElse("?")
        + "; embedding -> list "
        + r.embeddingToCandidateMs().orElseThrow()
        + " ms";
  }

  /** Percentiles of publish → first list and embedding → first list over the probes. */
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
        "%d of %d new items reached a list, publish -> list p50 %d ms p99 %d ms max %d ms; "
            + "embedding -> list p50 %d ms p99 %d ms; %d not in any top-K within the wait",
        publish.getTotalCount(),
        probes.size(),
        publish.getValueAtPercentile(50),
        publish.getValueAtPercentile(99),
        publish.getMaxValue(),
        embedding.getValueAtPercentile(50),
        embedding.getValueAtPercentile(99),
        missed);
  }

  /**
   * Why the run failed its freshness check: new items were published and none appeared in any list;
   * empty when at least one did, or none was tried.
   */
  static Optional<String> failure(List<NewItemProbe.Result> probes) {
    if (probes.isEmpty() || probes.stream().anyMatch(r -> r.firstSeen().isPresent())) {
      return Optional.empty();
    }
    return Optional.of(
        "freshness check failed: none of the "
            + probes.size()
            + " brand-new items ("
            + String.join(", ", probes.stream().map(NewItemProbe.Result::itemId).toList())
            + ") appeared in any recommendation list, although each was embedded and users who"
            + " liked its original kept interacting. Serving reserves NEW_ITEM_SLOTS (the demo: 1)"
            + " entries per list for items younger than NEW_ITEM_MAX_AGE; see serving's log and"
            + " its llmemb_serving_exploration_slots_total and llmemb_serving_young_items metrics.");
  }
}
