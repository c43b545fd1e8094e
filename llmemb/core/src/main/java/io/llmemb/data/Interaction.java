package io.llmemb.data;

import java.util.Objects;

/**
 * One raw user-item interaction as read from a dataset file, before any filtering or id mapping.
 *
 * @param userId raw user id as written in the file
 * @param itemId raw item id as written in the file
 * @param timestamp time of the interaction; seconds for MovieLens/Amazon, a {@code yyyyMMddHHmmss}
 *     number for Yelp (docs/llmemb-method.md §1)
 * @param rating explicit rating, or {@code null} when the format has none
 * @param file name of the file the row came from (one shared string per file, to keep big loads
 *     small)
 * @param line 1-based line number of the row
 */
public record Interaction(
    String userId, String itemId, long timestamp, Double rating, String file, long line) {

  public Interaction {
    requireText(userId, "userId");
    requireText(itemId, "itemId");
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line}, for messages. */
  public String source() {
    return file + ":" + line;
  }

  private static void requireText(String value, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(component + " must not be blank");
    }
  }
}
