package io.llmemb.demo;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.schemas.avro.Item;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run replays: the first {@code limit} interactions in time order, split into the part sent before the
 * first model is awaited ({@code warm}) and the live rest, and the catalog records to publish. A limited replay
 * publishes only the items its interactions touch, because embedding the catalog is the slow step on CPU.
 */
record ReplayPlan(List<Item> items, List<Interaction> warm, List<Interaction> live) {

  static ReplayPlan of(RawDataset data, long limit, double warmFraction, long updatedAt) {
    List<Interaction> timeOrder = data.interactions().stream()
        .sorted(Comparator.comparingLong(Interaction::timestamp)).limit(limit).toList();
    Set<String> touched = limit >= data.interactions().size() ? data.items().keySet()
        : timeOrder.stream().map(Interaction::itemId).collect(Collectors.toSet());
    List<Item> items = data.items().values().stream().filter(raw -> touched.contains(raw.rawId()))
        .map(raw -> CatalogRecords.item(raw, data.kind(), updatedAt)).toList();
    int split = (int) Math.round(timeOrder.size() * warmFraction);
    return new ReplayPlan(items, timeOrder.subList(0, split), timeOrder.subList(split, timeOrder.size()));
  }

  Item item(String itemId) {
    return items.stream().filter(i -> i.getItemId().equals(itemId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("item " + itemId + " is not in the replayed catalog"));
  }

  /** The demo's brand-new item: a sequel of the most popular warm item, under an id no record uses. */
  Item newItem(long stamp) {
    String seedId = NewItems.mostPopular(warm, Interaction::userId, Interaction::itemId);
    return NewItems.sequel(item(seedId), "new-" + seedId + "-" + stamp);
  }

  /** Users who interacted with the new item's original, each viewing it again. */
  List<io.llmemb.schemas.avro.Interaction> newItemDrivers(int max) {
    String seedId = NewItems.mostPopular(warm, Interaction::userId, Interaction::itemId);
    return NewItems.drivers(warm, Interaction::userId, Interaction::itemId, seedId, max);
  }
}
