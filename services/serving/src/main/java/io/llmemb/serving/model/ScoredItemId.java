package io.llmemb.serving.model;

import java.util.Objects;

/**
 * One ranked item: raw item id and its dot-product score (comparable only within one list).
 *
 * @param itemId raw item id
 * @param score model score, higher is better
 */
public record ScoredItemId(String itemId, float score) {

  /** Validates the id. */
  public ScoredItemId {
    Objects.requireNonNull(itemId, "itemId");
  }
}
