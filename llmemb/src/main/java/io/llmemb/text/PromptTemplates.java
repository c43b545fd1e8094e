package io.llmemb.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-dataset item prompt templates of the method doc §2, looked up by {@code ItemCatalog.kind()}.
 *
 * <p>Kinds: {@code movielens} (ours, §8: title, year, genres), {@code amazon-beauty} (Amazon 2014 layout),
 * {@code amazon-fashion} (Amazon 2018 layout), {@code yelp}. Deviations from the notebooks: Yelp
 * {@code categories} given as one comma-separated string is split on "," (trap §7.11); items without metadata
 * get the instruction alone instead of failing later (trap §7.11).
 */
public final class PromptTemplates {

  private static final Map<String, PromptTemplate> BY_KIND = Map.of(
      "movielens", movieLens(), "amazon-beauty", amazonBeauty(), "amazon-fashion", amazonFashion(),
      "yelp", yelp());

  private PromptTemplates() {
  }

  /** The template for a dataset kind; fails listing the known kinds. */
  public static PromptTemplate forKind(String kind) {
    PromptTemplate t = BY_KIND.get(kind.trim().toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new IllegalArgumentException("no prompt template for dataset kind '" + kind + "'; known: "
          + BY_KIND.keySet().stream().sorted().collect(Collectors.joining(", ")));
    }
    return t;
  }

  static PromptTemplate movieLens() {
    return new AttributePrompt("movielens", "The movie has the following attributes: \n ", Set.of("movieId"),
        (k, v) -> v instanceof List<?> l ? AttributeRules.joinList(l)
            : AttributeRules.pythonStr(v).replace("\n", " "),
        "lists joined ', ', empty list 'none', newline->space, drop movieId");
  }

  static PromptTemplate amazonBeauty() {
    return new AttributePrompt("amazon-beauty", "The beauty item has the following attributes: \n ",
        Set.of("asin", "related", "imUrl", "salesRank"),
        (k, v) -> "categories".equals(k) ? beautyCategories(v) : AttributeRules.amazonScalar(v),
        "categories: first path, amazonList(100, [:-2]); others: cut 100; newline->space; ';'->'.'");
  }

  private static String beautyCategories(Object v) {
    if (v instanceof List<?> paths && !paths.isEmpty() && paths.get(0) instanceof List<?> first) {
      return AttributeRules.amazonList(first);
    }
    return v instanceof List<?> flat ? AttributeRules.amazonList(flat) : AttributeRules.amazonScalar(v);
  }

  static PromptTemplate amazonFashion() {
    Set<String> listKeys = Set.of("description", "feature", "tech1");
    return new AttributePrompt("amazon-fashion", "The fashion item has the following attributes: \n ",
        Set.of("asin", "fit", "also_buy", "also_view", "similar_item", "imageURL", "imageURLHighRes"),
        (k, v) -> listKeys.contains(k) && v instanceof List<?> l ? AttributeRules.amazonList(l)
            : AttributeRules.amazonScalar(v),
        "description/feature/tech1: amazonList(100, [:-2]); others: str() cut 100; newline->space; ';'->'.'");
  }

  static PromptTemplate yelp() {
    Set<String> listKeys = Set.of("categories", "neighborhoods");
    return new AttributePrompt("yelp", "The point of interest has the following attributes: \n ",
        Set.of("business_id", "longitude", "latitude"),
        (k, v) -> listKeys.contains(k) ? yelpList(v) : AttributeRules.pythonStr(v).replace("\n", ", "),
        "categories/neighborhoods: split ',' if string, joined ', '; others str(), newline->', '");
  }

  private static String yelpList(Object v) {
    if (v instanceof String s) {
      List<String> parts = Arrays.stream(s.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
      return AttributeRules.joinList(parts);
    }
    return v instanceof List<?> l ? AttributeRules.joinList(l) : AttributeRules.pythonStr(v);
  }
}
