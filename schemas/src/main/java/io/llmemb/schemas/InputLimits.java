package io.llmemb.schemas;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.List;
import java.util.Optional;

/**
 * The documented bounds of every input record (README, "Input limits"). Avro has no length
 * constraints, so a valid record could carry a 600,000-character id that then grows a user's state
 * record past the broker's message limit; checking these bounds where records enter a service turns
 * such input into a dead letter with the reason instead of a stuck stream. Each check answers the
 * first violation as text, or empty when the record is within bounds.
 */
public final class InputLimits {

  /** Longest userId or itemId, in characters. */
  public static final int MAX_ID_CHARS = 256;

  /** Longest title, category, brand, source, attribute key or category entry, in characters. */
  public static final int MAX_SHORT_TEXT_CHARS = 1_000;

  /** Longest description or attribute value, in characters. */
  public static final int MAX_LONG_TEXT_CHARS = 20_000;

  /** Most categories or attributes of one item. */
  public static final int MAX_LIST_ENTRIES = 100;

  /** Widest embedding vector accepted (covers 4096-d LLaMA-7B hidden states). */
  public static final int MAX_VECTOR_WIDTH = 8_192;

  private InputLimits() {}

  /**
   * First violated bound of an interaction, e.g. {@code "itemId has 600000 characters, at most
   * 256"}.
   */
  public static Optional<String> check(Interaction interaction) {
    return first(id("userId", interaction.getUserId()), id("itemId", interaction.getItemId()));
  }

  /** First violated bound of a catalog item. */
  public static Optional<String> check(Item item) {
    Optional<String> fields =
        first(
            id("itemId", item.getItemId()),
            text("title", item.getTitle(), MAX_SHORT_TEXT_CHARS),
            text("category", item.getCategory(), MAX_SHORT_TEXT_CHARS),
            text("brand", item.getBrand(), MAX_SHORT_TEXT_CHARS),
            text("source", item.getSource(), MAX_SHORT_TEXT_CHARS),
            text("description", item.getDescription(), MAX_LONG_TEXT_CHARS),
            count("categories", item.getCategories()),
            count("attributes", item.getAttributes()));
    if (fields.isPresent()) {
      return fields;
    }
    for (CharSequence c : item.getCategories()) {
      Optional<String> p = text("categories[]", c, MAX_SHORT_TEXT_CHARS);
      if (p.isPresent()) {
        return p;
      }
    }
    for (ItemAttribute a : item.getAttributes()) {
      Optional<String> p =
          first(
              text("attributes[].key", a.getKey(), MAX_SHORT_TEXT_CHARS),
              text("attributes[].value", a.getValue(), MAX_LONG_TEXT_CHARS));
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /**
   * First problem of an embedding record: id bounds, key differing from itemId, an empty or too
   * wide vector, or a non-finite component. (Whether a model can use its width is the serving
   * model's call.)
   */
  public static Optional<String> check(String key, ItemEmbedding embedding) {
    Optional<String> ids = first(id("itemId", embedding.getItemId()));
    if (ids.isPresent()) {
      return ids;
    }
    if (key != null && !key.equals(embedding.getItemId())) {
      return Optional.of(
          "record key '" + clip(key) + "' differs from itemId '" + embedding.getItemId() + "'");
    }
    List<Float> vector = embedding.getVector();
    if (vector.isEmpty() || vector.size() > MAX_VECTOR_WIDTH) {
      return Optional.of(
          "vector has " + vector.size() + " components, expected 1.." + MAX_VECTOR_WIDTH);
    }
    for (int i = 0; i < vector.size(); i++) {
      Float f = vector.get(i);
      if (f == null || !Float.isFinite(f)) {
        return Optional.of(
            "vector component " + i + " is " + f + "; every component must be finite");
      }
    }
    return Optional.empty();
  }

  /** The bound on an id alone (record keys). */
  public static Optional<String> checkId(String field, CharSequence value) {
    return id(field, value);
  }

  private static Optional<String> id(String field, CharSequence value) {
    if (value == null || value.toString().isBlank()) {
      return Optional.of(field + " is blank");
    }
    return text(field, value, MAX_ID_CHARS);
  }

  private static Optional<String> text(String field, CharSequence value, int max) {
    if (value != null && value.length() > max) {
      return Optional.of(field + " has " + value.length() + " characters, at most " + max);
    }
    return Optional.empty();
  }

  private static Optional<String> count(String field, List<?> values) {
    if (values != null && values.size() > MAX_LIST_ENTRIES) {
      return Optional.of(field + " has " + values.size() + " entries, at most " + MAX_LIST_ENTRIES);
    }
    return Optional.empty();
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... checks) {
    for (Optional<String> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
  }
}
