package io.llmemb.embeddingworker;

import io.llmemb.files.Sha256;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.text.ItemPrompts;
import io.llmemb.text.PromptTemplate;
import io.llmemb.text.PromptTemplates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the LLMEmb prompt of a catalog {@link Item} with the library's template for the configured
 * dataset kind, so an item embedded here gets the same text as in the offline pipeline.
 *
 * <p>The Avro record splits the raw metadata into typed fields; the attribute map is rebuilt in the
 * raw order the catalog producers use: {@code title}, the ordered {@code attributes}, then brand,
 * price and description when present, then the category list under the key the kind's raw data uses
 * ({@code genres} for MovieLens, {@code categories} otherwise). For MovieLens that is exactly
 * title, year, genres (docs/llmemb-method.md §8).
 */
public final class ItemPrompter {

  private static final String TITLE = "title";

  private final PromptTemplate template;
  private final String categoriesKey;
  private final String promptVersion;

  /** A prompter for dataset kind {@code kind}; fails listing the known kinds. */
  public ItemPrompter(String kind) {
    this.template = PromptTemplates.forKind(kind);
    this.categoriesKey = template.kind().equals("movielens") ? "genres" : "categories";
    this.promptVersion = ItemPrompts.versionOf(template);
  }

  /** Version of the template, written into every {@code ItemEmbedding.promptVersion}. */
  public String promptVersion() {
    return promptVersion;
  }

  /** The prompt and its hash for {@code item}. */
  public PromptedItem prompt(Item item) {
    String prompt = template.build(attributes(item));
    return new PromptedItem(item.getItemId(), prompt, Sha256.of(prompt));
  }

  /** The ordered attribute map the template reads. */
  Map<String, Object> attributes(Item item) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (item.getTitle() != null && !item.getTitle().isBlank()) {
      attrs.put(TITLE, item.getTitle());
    }
    for (ItemAttribute a : item.getAttributes()) {
      attrs.putIfAbsent(a.getKey(), a.getValue());
    }
    putIfPresent(attrs, "brand", item.getBrand());
    putIfPresent(attrs, "price", item.getPrice() == null ? null : item.getPrice().toString());
    putIfPresent(attrs, "description", item.getDescription());
    List<String> categories = item.getCategories();
    if (!categories.isEmpty() || item.getCategory() == null) {
      attrs.putIfAbsent(categoriesKey, List.copyOf(categories));
    } else {
      attrs.putIfAbsent(categoriesKey, List.of(item.getCategory()));
    }
    return attrs;
  }

  private static void putIfPresent(Map<String, Object> attrs, String key, String value) {
    if (value != null && !value.isBlank()) {
      attrs.putIfAbsent(key, value);
    }
  }
}
