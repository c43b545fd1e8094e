package io.llmemb.demo;

import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the pipeline from outside, as a downstream app would: one read_committed consumer over
 * {@code tracking.interactions}, {@code catalog.item_embeddings} and {@code recs.next_items}, so
 * the three streams are seen in (roughly) arrival order. It decodes; {@link LiveStats} measures
 *
 * <ul>
 *   <li>recommendation latency: {@code emittedAt} of a list minus the broker-side send time of the
 *       interaction that triggered it (matched by user and event time; the replayed event times are
 *       historical, so they cannot be used directly), recorded in an HdrHistogram;
 *   <li>live prequential HR@10: each incoming interaction is a hit when its item is in the list
 *       last emitted for that user before it arrived (interactions of users with no list yet, and
 *       repeats of an item the user already had, which serving filters out by design, are not
 *       judged);
 *   <li>when a watched item first gets an embedding and first appears in any list, at which rank.
 * </ul>
 */
final class LiveMonitor implements AutoCloseable {

  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);

  private final LiveStats stats = new LiveStats();

  LiveMonitor(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new java.util.ArrayList<>();
    for (String topic :
        List.of(
            topics.interactions().name(),
            topics.itemEmbeddings().name(),
            topics.recommendations().name())) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::loop, "demo-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts recording when {@code itemId} first gets an embedding and first appears in a list. */
  void watch(String itemId) {
    stats.watch(itemId);
  }

  Optional<Long> embeddedAt(String itemId) {
    return stats.embeddedAt(itemId);
  }

  Optional<Long> firstRecommendedAt(String itemId) {
    return stats.firstRecommendedAt(itemId);
  }

  Optional<String> firstRecommendedTo(String itemId) {
    return stats.firstRecommendedTo(itemId);
  }

  /** Model version of the first list that contained {@code itemId}. */
  Optional<String> firstRecommendedBy(String itemId) {
    return stats.firstRecommendedBy(itemId);
  }

  /** Record time of the latest embedding of any item, empty before the first. */
  Optional<Long> lastEmbeddingAt() {
    return stats.lastEmbeddingAt();
  }

  /** Lists with an exploration slot so far, and the items that took slots most often. */
  String slotUse(int topItems) {
    return stats.slotUse(topItems);
  }

  /** Rank (1 = first) of {@code itemId} in the first list that held it. */
  Optional<Integer> firstRank(String itemId) {
    return stats.firstRank(itemId);
  }

  /** Whether {@code itemId} sat in an exploration slot of the first list that held it. */
  boolean firstInSlot(String itemId) {
    return stats.firstInSlot(itemId);
  }

  /** How many embedding records {@code itemId} has had on {@code catalog.item_embeddings}. */
  int embeddingCount(String itemId) {
    return stats.embeddingCount(itemId);
  }

  /** A consistent copy of the counters. */
  Snapshot snapshot() {
    return stats.snapshot();
  }

  private void loop() {
    while (running.get()) {
      try {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          onRecord(r);
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // a record we cannot decode says nothing about the pipeline's quality; keep watching
        System.err.println("monitor: skipped a record: " + e.getMessage());
      }
    }
  }

  private void onRecord(ConsumerRecord<String, byte[]> r) {
    String topic = r.topic();
    if (r.value() == null) {
      return;
    }
    if (topic.equals(topics.interactions().name())) {
      Interaction i =
          topics.interactions().valueSerde().deserializer().deserialize(topic, r.value());
      stats.interaction(
          i.getUserId(), i.getItemId(), i.getTimestamp().toEpochMilli(), r.timestamp());
    } else if (topic.equals(topics.itemEmbeddings().name())) {
      ItemEmbedding e =
          topics.itemEmbeddings().valueSerde().deserializer().deserialize(topic, r.value());
      stats.embedding(e.getItemId(), r.timestamp());
    } else {
      Recommendations recs =
          topics.recommendations().valueSerde().deserializer().deserialize(topic, r.value());
      stats.recommendations(
          recs.getUserId(),
          recs.getItems().stream().map(ScoredItem::getItemId).toList(),
          recs.getExplorationSlots(),
          recs.getModelVersion(),
          recs.getEventTime().toEpochMilli(),
          recs.getEmittedAt().toEpochMilli());
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }

  /** Counters at one instant; rates come from the difference of two snapshots. */
  record Snapshot(
      long interactions,
      long recommendations,
      long embeddings,
      long judged,
      long hits,
      String modelVersion,
      long p50Ms,
      long p99Ms,
      long latencySamples) {

    double hitRate() {
      return judged == 0 ? Double.NaN : (double) hits / judged;
    }
  }
}
