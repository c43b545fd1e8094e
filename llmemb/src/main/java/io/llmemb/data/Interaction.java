package io.llmemb.data;

import java.util.Objects;

/**
 * One raw user-item interaction as read from a dataset file, before any filtering or id mapping.
 *
 * @param userId raw user id as written in the file
 * @param itemId raw item id as written in the file
 * @param timestamp time of the interaction; seconds for MovieLens/Amazon, a {@code yyyyMMddHHmmss} number for Yelp
 *     (method doc §1)
 * @param rating explicit rating, or {@code null} when the format has none
 * @param source where the row came from, {@code file:line}, for error messages
 */
public record Interaction(String userId, String itemId, long timestamp, Double rating, String source) {

  public Interaction {
    requireText(userId, "userId");
    requireText(itemId, "itemId");
    Objects.requireNonNull(source, "source");
  }

  private static void requireText(String value, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(component + " must not be blank");
    }
  }
}
