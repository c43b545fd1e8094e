package io.llmemb.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The common in-memory form every loader produces: interactions in file order plus item metadata.
 *
 * @param kind dataset family for the prompt template: "movielens", "amazon" or "yelp"
 * @param interactions interactions in the order they were read (the stable sort of §1 relies on it)
 * @param items item metadata by raw id, in file order
 * @param report what the loader skipped or flagged, with counts
 */
public record RawDataset(
    String kind, List<Interaction> interactions, Map<String, RawItem> items, LoadReport report) {

  public RawDataset {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(report, "report");
  }
}
