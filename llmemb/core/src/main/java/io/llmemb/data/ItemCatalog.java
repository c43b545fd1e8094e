package io.llmemb.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text attributes of every item of a prepared dataset, indexed by mapped item id (index 0 is
 * padding and null).
 *
 * <p>Attribute values are either a {@code String} or a {@code List<String>}, kept in the key order
 * of the raw metadata record because the prompt rules of docs/llmemb-method.md (§2) depend on that
 * order and on list-ness.
 *
 * @param kind dataset family, which selects the prompt template ("movielens", "amazon", "yelp",
 *     ...)
 * @param rawItemIds raw id per mapped id (index 0 null)
 * @param attributes ordered attributes per mapped id (index 0 null; an item without metadata has an
 *     empty map)
 */
public record ItemCatalog(
    String kind, List<String> rawItemIds, List<Map<String, Object>> attributes) {

  public ItemCatalog {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(rawItemIds, "rawItemIds");
    Objects.requireNonNull(attributes, "attributes");
    if (rawItemIds.size() != attributes.size()) {
      throw new IllegalArgumentException(
          "rawItemIds and attributes differ in size: "
              + rawItemIds.size()
              + " vs "
              + attributes.size());
    }
  }

  /** Raw ids of mapped ids 1..N, without the padding slot: element i is mapped id i + 1. */
  public List<String> itemIds() {
    return rawItemIds.subList(1, rawItemIds.size());
  }

  /** Largest mapped item id. */
  public int numItems() {
    return rawItemIds.size() - 1;
  }
}
