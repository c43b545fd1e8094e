package io.llmemb.data;

import java.util.List;
import java.util.Objects;

/**
 * Output of {@code prepare}: the split sequences, the item texts and the raw user ids, all on one
 * id space.
 *
 * @param split leave-one-out split on mapped ids
 * @param catalog item texts on the same mapped ids
 * @param rawUserIds raw user id per mapped user index
 */
public record PreparedDataset(SequenceSplit split, ItemCatalog catalog, List<String> rawUserIds) {

  public PreparedDataset {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(rawUserIds, "rawUserIds");
    if (catalog.numItems() != split.numItems()) {
      throw new IllegalArgumentException(
          "catalog has " + catalog.numItems() + " items, split has " + split.numItems());
    }
    if (rawUserIds.size() != split.numUsers()) {
      throw new IllegalArgumentException(
          "rawUserIds has " + rawUserIds.size() + " users, split has " + split.numUsers());
    }
  }
}
