package io.llmemb.demo;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawItem;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the method library's raw dataset records onto the Avro records of the topics, so any dataset
 * the loaders read (MovieLens, Amazon, Yelp) can be replayed into {@code catalog.items} and {@code
 * tracking.interactions}.
 */
final class CatalogRecords {

  /** Attribute keys that carry the display name, in order of preference. */
  private static final List<String> TITLE_KEYS = List.of("title", "name");

  /** Attribute keys whose list value becomes {@code Item.categories}. */
  private static final List<String> CATEGORY_KEYS = List.of("genres", "categories", "category");

  private CatalogRecords() {}

  /**
   * The catalog record of one raw item: title and category list in their own fields, every other
   * attribute kept as an ordered key/value pair (list values joined with ", ") because prompts
   * follow the raw key order.
   */
  static Item item(RawItem raw, String source, long updatedAt) {
    Map<String, Object> attrs = raw.attributes();
    String title =
        TITLE_KEYS.stream()
            .map(attrs::get)
            .filter(v -> v != null)
            .map(CatalogRecords::text)
            .findFirst()
            .orElse("");
    String categoryKey = CATEGORY_KEYS.stream().filter(attrs::containsKey).findFirst().orElse(null);
    List<String> categories = categoryKey == null ? List.of() : asList(attrs.get(categoryKey));
    List<ItemAttribute> rest = new ArrayList<>();
    attrs.forEach(
        (key, value) -> {
          if (!TITLE_KEYS.contains(key) && !key.equals(categoryKey)) {
            rest.add(new ItemAttribute(key, text(value)));
          }
        });
    return Item.newBuilder()
        .setItemId(raw.rawId())
        .setTitle(title)
        .setCategory(categories.isEmpty() ? null : categories.get(0))
        .setCategories(categories)
        .setAttributes(rest)
        .setSource(source)
        .setUpdatedAt(java.time.Instant.ofEpochMilli(updatedAt))
        .build();
  }

  /**
   * The interaction record of one rating; the dataset's timestamp (seconds) becomes event time in
   * millis.
   */
  static io.llmemb.schemas.avro.Interaction interaction(Interaction raw) {
    return io.llmemb.schemas.avro.Interaction.newBuilder()
        .setUserId(raw.userId())
        .setItemId(raw.itemId())
        .setType(raw.rating() == null ? InteractionType.VIEW : InteractionType.RATE)
        .setRating(raw.rating())
        .setTimestamp(java.time.Instant.ofEpochMilli(raw.timestamp() * 1000L))
        .build();
  }

  private static List<String> asList(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  private static String text(Object value) {
    return value instanceof List<?> list
        ? String.join(", ", list.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }
}
