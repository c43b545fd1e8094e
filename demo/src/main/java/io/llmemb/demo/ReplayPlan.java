package io.llmemb.demo;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.schemas.avro.Item;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run replays: the first {@code limit} interactions in time order, split into the part sent
 * before the first model is awaited ({@code warm}) and the live rest, and the catalog records to
 * publish. A limited replay publishes only the items its interactions touch, because embedding the
 * catalog is the slow step on CPU.
 */
record ReplayPlan(List<Item> items, List<Interaction> warm, List<Interaction> live) {

  static ReplayPlan of(RawDataset data, long limit, double warmFraction, long updatedAt) {
    List<Interaction> timeOrder =
        data.interactions().stream()
            .sorted(Comparator.comparingLong(Interaction::timestamp))
            .limit(limit)
            .toList();
    Set<String> touched =
        limit >= data.interactions().size()
            ? data.items().keySet()
            : timeOrder.stream().map(Interaction::itemId).collect(Collectors.toSet());
    List<Item> items =
        data.items().values().stream()
            .filter(raw -> touched.contains(raw.rawId()))
            .map(raw -> CatalogRecords.item(raw, data.kind(), updatedAt))
            .toList();
    int split = (int) Math.round(timeOrder.size() * warmFraction);
    return new ReplayPlan(
        items, timeOrder.subList(0, split), timeOrder.subList(split, timeOrder.size()));
  }

  Item item(String itemId) {
    return items.stream()
        .filter(i -> i.getItemId().equals(itemId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("item " + itemId + " is not in the replayed catalog"));
  }

  /** Originals of the demo's brand-new items: the {@code n} most popular warm items. */
  List<String> seeds(int n) {
    return NewItems.mostPopular(warm, Interaction::userId, Interaction::itemId, n);
  }

  /** A brand-new item: a sequel of {@code seedId} under an id no record uses. */
  Item newItem(String seedId, long stamp) {
    return NewItems.sequel(item(seedId), "new-" + seedId + "-" + stamp);
  }

  /** Users who interacted with {@code seedId}, each viewing it again. */
  List<io.llmemb.schemas.avro.Interaction> newItemDrivers(String seedId, int max) {
    return NewItems.drivers(warm, Interaction::userId, Interaction::itemId, seedId, max);
  }
}
