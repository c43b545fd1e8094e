package io.llmemb.demo;

import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a brand-new item nobody has interacted with and measures how fast it becomes a
 * candidate: catalog publish → its embedding on {@code catalog.item_embeddings} → its first
 * appearance in a {@code recs.next_items} list. Lists are only emitted on interactions, so while
 * waiting it replays interactions of users whose taste matches the item ({@code drivers}), one
 * every {@code gap}.
 */
final class NewItemProbe {

  /**
   * Times of one probe, epoch millis ({@code firstSeen} empty when the item never made a top-K in
   * time).
   *
   * @param user the user whose list first contained the item
   * @param rank its rank (1 = first) in that list
   * @param explorationSlot whether it sat in one of the list's exploration slots
   */
  record Result(
      String itemId,
      long published,
      long embedded,
      Optional<Long> firstSeen,
      Optional<String> user,
      Optional<Integer> rank,
      boolean explorationSlot) {

    Optional<Long> publishToCandidateMs() {
      return firstSeen.map(t -> t - published);
    }

    Optional<Long> embeddingToCandidateMs() {
      return firstSeen.map(t -> t - embedded);
    }

    @Override
    public String toString() {
      return "item "
          + itemId
          + ": embedding "
          + (embedded - published)
          + " ms after publish; "
          + firstSeen
              .map(
                  t ->
                      "first recommended (to user "
                          + user.orElse("?")
                          + rank.map(r -> ", rank " + r).orElse("")
                          + (explorationSlot ? ", exploration slot" : "")
                          + ") "
                          + (t - embedded)
                          + " ms after its embedding, "
                          + (t - published)
                          + " ms after publish")
              .orElse("not in any top-K within the wait");
    }
  }

  private final Producer<String, Item> items;
  private final Producer<String, Interaction> interactions;
  private final LiveMonitor monitor;

  NewItemProbe(
      Producer<String, Item> items,
      Producer<String, Interaction> interactions,
      LiveMonitor monitor) {
    this.items = items;
    this.interactions = interactions;
    this.monitor = monitor;
  }

  Result run(
      Item item,
      List<Interaction> drivers,
      Duration gap,
      Duration embedTimeout,
      Duration appearTimeout)
      throws Exception {
    String id = item.getItemId();
    monitor.watch(id);
    long published = System.currentTimeMillis();
    items.send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, id, item)).get();
    long embedded =
        await(() -> monitor.embeddedAt(id), embedTimeout)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no embedding for new item "
                            + id
                            + " within "
                            + embedTimeout
                            + "; see the embedding-worker's log"));
    long deadline = System.nanoTime() + appearTimeout.toNanos();
    int next = 0;
    while (monitor.firstRecommendedAt(id).isEmpty()
        && System.nanoTime() < deadline
        && !drivers.isEmpty()) {
      // a fresh event time per send keeps each list matchable to the interaction that triggered it
      Interaction i =
          Interaction.newBuilder(drivers.get(next++ % drivers.size()))
              .setTimestamp(java.time.Instant.now())
              .build();
      interactions.send(new ProducerRecord<>(TopicNames.INTERACTIONS, i.getUserId(), i));
      interactions.flush();
      Thread.sleep(gap.toMillis());
    }
    Optional<Long> seen = await(() -> monitor.firstRecommendedAt(id), gap.multipliedBy(10));
    return new Result(
        id,
        published,
        embedded,
        seen,
        monitor.firstRecommendedTo(id),
        monitor.firstRank(id),
        monitor.firstInSlot(id));
  }

  private static Optional<Long> await(
      java.util.function.Supplier<Optional<Long>> probe, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Long> value = probe.get();
      if (value.isPresent()) {
        return value;
      }
      Thread.sleep(10);
    }
    return probe.get();
  }
}
