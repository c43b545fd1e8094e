package io.llmemb.demo;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the brand-new item of the demo and the users whose taste matches it. The new item is a
 * sequel of the replayed item most users interacted with: same genres, a title of its own, so its
 * text embedding (and hence its adapted vector) is close to the original's without being the same
 * item. Taste-matching users are those who interacted with the original; their driving interaction
 * is another view of it, which filters the original out of their list (already seen) and leaves its
 * closest unseen neighbour, the sequel, in play.
 */
final class NewItems {

  private NewItems() {}

  /**
   * Ids of the {@code n} items with the most distinct users in {@code interactions}, ties by
   * smallest id.
   */
  static <T> List<String> mostPopular(
      Collection<T> interactions, Function<T, String> user, Function<T, String> item, int n) {
    Map<String, Set<String>> users =
        interactions.stream()
            .collect(Collectors.groupingBy(item, Collectors.mapping(user, Collectors.toSet())));
    List<String> top =
        users.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, Set<String>>>comparingInt(e -> -e.getValue().size())
                    .thenComparing(Map.Entry::getKey))
            .limit(n)
            .map(Map.Entry::getKey)
            .toList();
    if (top.isEmpty()) {
      throw new IllegalArgumentException("no interactions to pick a popular item from");
    }
    return top;
  }

  /**
   * A sequel of {@code original} under {@code newId}: same categories and attributes, "II" title,
   * now.
   */
  static Item sequel(Item original, String newId) {
    return Item.newBuilder(original)
        .setItemId(newId)
        .setTitle(original.getTitle() + " II")
        .setUpdatedAt(Instant.now())
        .build();
  }

  /**
   * Up to {@code max} users who interacted with {@code itemId}, most recent first, each viewing it
   * again.
   */
  static <T> List<Interaction> drivers(
      List<T> timeOrder,
      Function<T, String> user,
      Function<T, String> item,
      String itemId,
      int max) {
    Set<String> users = new LinkedHashSet<>();
    for (int i = timeOrder.size() - 1; i >= 0 && users.size() < max; i--) {
      if (item.apply(timeOrder.get(i)).equals(itemId)) {
        users.add(user.apply(timeOrder.get(i)));
      }
    }
    return users.stream()
        .map(
            u ->
                Interaction.newBuilder()
                    .setUserId(u)
                    .setItemId(itemId)
                    .setType(InteractionType.VIEW)
                    .setRating(null)
                    .setTimestamp(Instant.now())
                    .build())
        .toList();
  }
}
