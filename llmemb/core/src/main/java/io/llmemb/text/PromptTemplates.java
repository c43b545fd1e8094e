package io.llmemb.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-dataset item prompt templates of docs/llmemb-method.md §2, looked up by {@code
 * ItemCatalog.kind()}.
 *
 * <p>Kinds: {@code movielens} (ours, §8: title, year, genres), {@code amazon-beauty} (Amazon 2014
 * layout), {@code amazon-fashion} (Amazon 2018 layout), {@code yelp}. Deviations from the
 * notebooks: Yelp {@code categories} given as one comma-separated string is split on "," (trap
 * §7.11); items without metadata get the instruction alone instead of failing later (trap §7.11).
 */
public final class PromptTemplates {

  private static final Map<String, PromptTemplate> BY_KIND =
      Map.of(
          "movielens",
          movieLens(),
          "amazon-beauty",
          amazonBeauty(),
          "amazon-fashion",
          amazonFashion(),
          "yelp",
          yelp());

  /**
   * Template kind per prepared-dataset identity: a catalog kind alone ("movielens", "yelp"), or for
   * Amazon the catalog kind plus the {@code prepare --format} edition, because the 2014 and 2018
   * dumps have different layouts.
   */
  private static final Map<String, String> BY_DATASET =
      Map.of(
          "movielens",
          "movielens",
          "yelp",
          "yelp",
          "amazon/amazon2014",
          "amazon-beauty",
          "amazon/amazon2018",
          "amazon-fashion");

  private PromptTemplates() {}

  /**
   * The template kind for a prepared dataset (the one place that maps data kinds to prompt
   * templates).
   *
   * @param datasetKind {@code ItemCatalog.kind()} / the dataset manifest's kind ("movielens",
   *     "amazon", "yelp"), or already a template kind
   * @param format the manifest's {@code prepare --format} value (needed for Amazon); may be null
   */
  public static String kindForDataset(String datasetKind, String format) {
    String kind = datasetKind.trim().toLowerCase(Locale.ROOT);
    if (BY_KIND.containsKey(kind)) {
      return kind;
    }
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    String mapped = BY_DATASET.get(kind + "/" + f);
    if (mapped == null) {
      throw new IllegalArgumentException(
          "no prompt template for dataset kind '"
              + datasetKind
              + "' (format '"
              + format
              + "'); known: "
              + BY_DATASET.keySet().stream().sorted().collect(Collectors.joining(", ")));
    }
    return mapped;
  }

  /** The template for a dataset kind; fails listing the known kinds. */
  public static PromptTemplate forKind(String kind) {
    PromptTemplate t = BY_KIND.get(kind.trim().toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new IllegalArgumentException(
          "no prompt template for dataset kind '"
              + kind
              + "'; known: "
              + BY_KIND.keySet().stream().sorted().collect(Collectors.joining(", ")));
    }
    return t;
  }

  static PromptTemplate movieLens() {
    return new AttributePrompt(
        "movielens",
        "The movie has the following attributes: \n ",
        Set.of("movieId"),
        (k, v) ->
            v instanceof List<?> l
                ? AttributeRules.joinList(l)
                : AttributeRules.pythonStr(v).replace("\n", " "),
        "lists joined ', ', empty list 'none', newline->space, drop movieId");
  }

  static PromptTemplate amazonBeauty() {
    return new AttributePrompt(
        "amazon-beauty",
        "The beauty item has the following attributes: \n ",
        Set.of("asin", "related", "imUrl", "salesRank"),
        (k, v) -> "categories".equals(k) ? beautyCategories(v) : AttributeRules.amazonScalar(v),
        "categories: first path, amazonList(100, [:-2]); others: cut 100; newline->space; ';'->'.'");
  }

  private static String beautyCategories(Object v) {
    if (v instanceof List<?> paths && !paths.isEmpty() && paths.get(0) instanceof List<?> first) {
      return AttributeRules.amazonList(first);
    }
    return v instanceof List<?> flat
        ? AttributeRules.amazonList(flat)
        : AttributeRules.amazonScalar(v);
  }

  static PromptTemplate amazonFashion() {
    Set<String> listKeys = Set.of("description", "feature", "tech1");
    return new AttributePrompt(
        "amazon-fashion",
        "The fashion item has the following attributes: \n ",
        Set.of(
            "asin", "fit", "also_buy", "also_view", "similar_item", "imageURL", "imageURLHighRes"),
        (k, v) ->
            listKeys.contains(k) && v instanceof List<?> l
                ? AttributeRules.amazonList(l)
                : AttributeRules.amazonScalar(v),
        "description/feature/tech1: amazonList(100, [:-2]); others: str() cut 100; newline->space; ';'->'.'");
  }

  static PromptTemplate yelp() {
    Set<String> listKeys = Set.of("categories", "neighborhoods");
    return new AttributePrompt(
        "yelp",
        "The point of interest has the following attributes: \n ",
        Set.of("business_id", "longitude", "latitude"),
        (k, v) ->
            listKeys.contains(k) ? yelpList(v) : AttributeRules.pythonStr(v).replace("\n", ", "),
        "categories/neighborhoods: split ',' if string, joined ', '; others str(), newline->', '");
  }

  private static String yelpList(Object v) {
    if (v instanceof String s) {
      List<String> parts =
          Arrays.stream(s.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
      return AttributeRules.joinList(parts);
    }
    return v instanceof List<?> l ? AttributeRules.joinList(l) : AttributeRules.pythonStr(v);
  }
}
