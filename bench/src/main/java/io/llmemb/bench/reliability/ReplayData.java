package io.llmemb.bench.reliability;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.schemas.avro.Item;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What a run replays: interactions in time order and the catalog records of the items they touch.
 *
 * <p>MovieLens ratings are replayed in their own order; when the run asks for more than the file
 * holds, further rounds replay it again under new user ids ({@code <user>~r<round>}), so every
 * user's sequence is a real one. Event times are shifted to {@code start + index} milliseconds:
 * unique per user (two ratings of one user often share a second) and recent (the broker's retention
 * would delete records stamped in 1996).
 *
 * @param items every item the interactions use, sorted: the model release is trained on exactly
 *     these, so each interaction has an item the model knows and must produce a recommendation
 * @param source where the interactions come from, for the report
 */
record ReplayData(
    List<ReplayEvent> events, List<String> items, Map<String, Item> catalog, String source) {

  static ReplayData movieLens(Path dir, int count, long start) {
    RawDataset data =
        DatasetFormat.MOVIELENS.loader().load(DatasetFormat.MOVIELENS.resolve(List.of(dir)));
    List<Interaction> ordered =
        data.interactions().stream()
            .sorted(Comparator.comparingLong(Interaction::timestamp))
            .toList();
    if (ordered.isEmpty()) {
      throw new IllegalArgumentException("no ratings in " + dir);
    }
    List<ReplayEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Interaction raw = ordered.get(i % ordered.size());
      int round = i / ordered.size();
      String user = round == 0 ? raw.userId() : raw.userId() + "~r" + round;
      events.add(new ReplayEvent(user, raw.itemId(), start + i));
    }
    int rounds = (count + ordered.size() - 1) / ordered.size();
    return of(
        events,
        id -> {
          RawItem raw = data.items().get(id);
          Object title = raw == null ? null : raw.attributes().get("title");
          Object genres = raw == null ? null : raw.attributes().get("genres");
          return item(
              id,
              title == null ? "Movie " + id : title.toString(),
              genres instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(),
              data.kind());
        },
        "MovieLens "
            + dir.getFileName()
            + " ("
            + ordered.size()
            + " ratings"
            + (rounds > 1 ? ", " + rounds + " rounds" : "")
            + ")");
  }

  /** Seeded synthetic sessions with a skewed item popularity, for runs without the dataset. */
  static ReplayData synthetic(int count, int users, int itemCount, long seed, long start) {
    Random random = new Random(seed);
    List<ReplayEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int item = (int) Math.floor(Math.pow(random.nextDouble(), 2) * itemCount);
      events.add(new ReplayEvent("s" + random.nextInt(users), "i" + item, start + i));
    }
    return of(
        events,
        id -> item(id, "Synthetic item " + id, List.of("Drama"), "synthetic"),
        "synthetic (" + users + " users, " + itemCount + " items, seed " + seed + ")");
  }

  private static ReplayData of(
      List<ReplayEvent> events, java.util.function.Function<String, Item> toItem, String source) {
    Set<String> ids = new LinkedHashSet<>();
    events.forEach(e -> ids.add(e.itemId()));
    List<String> items = ids.stream().sorted().toList();
    Map<String, Item> catalog = new java.util.LinkedHashMap<>();
    items.forEach(id -> catalog.put(id, toItem.apply(id)));
    return new ReplayData(List.copyOf(events), items, catalog, source);
  }

  private static Item item(String id, String title, List<String> categories, String source) {
    return Item.newBuilder()
        .setItemId(id)
        .setTitle(title)
        .setCategory(categories.isEmpty() ? null : categories.get(0))
        .setCategories(categories)
        .setAttributes(List.of())
        .setSource(source)
        .setUpdatedAt(Instant.now())
        .build();
  }
}
