package io.llmemb.demo;

import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the pipeline from outside, as a downstream app would: one read_committed consumer over
 * {@code tracking.interactions}, {@code catalog.item_embeddings} and {@code recs.next_items}, so the three streams
 * are seen in (roughly) arrival order. It measures
 * <ul>
 *   <li>recommendation latency: {@code emittedAt} of a list minus the broker-side send time of the interaction that
 *       triggered it (matched by user and event time; the replayed event times are historical, so they cannot be
 *       used directly), recorded in an HdrHistogram;</li>
 *   <li>live prequential HR@10: each incoming interaction is a hit when its item is in the list last emitted for
 *       that user before it arrived (interactions of users with no list yet, and repeats of an item the user
 *       already had, which serving filters out by design, are not judged);</li>
 *   <li>when a watched item first gets an embedding and first appears in any list.</li>
 * </ul>
 */
final class LiveMonitor implements AutoCloseable {

  /** Cut-off of the prequential hit rate: HR@10 judges the first ten items whatever the list length (TOP_K). */
  static final int HIT_AT = 10;

  private static final long MAX_LATENCY_MS = Duration.ofHours(1).toMillis();

  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);

  private final Map<String, List<String>> lastRecs = new HashMap<>();
  private final Map<String, java.util.Set<String>> seen = new HashMap<>();
  private final Map<String, Long> sentAt = new HashMap<>();
  private final Histogram latencyMs = new Histogram(MAX_LATENCY_MS, 3);
  private final Map<String, Long> embeddedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> firstRecommendedAt = new ConcurrentHashMap<>();
  private final Map<String, String> firstRecommendedTo = new ConcurrentHashMap<>();
  private final Map<String, String> firstRecommendedBy = new ConcurrentHashMap<>();
  private final Map<String, Integer> embeddingCount = new ConcurrentHashMap<>();
  private volatile String watched = "";
  private long interactions;
  private long recommendations;
  private long embeddings;
  private long judged;
  private long hits;
  private String modelVersion = "-";

  LiveMonitor(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new java.util.ArrayList<>();
    for (String topic : List.of(topics.interactions().name(), topics.itemEmbeddings().name(),
        topics.recommendations().name())) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::loop, "demo-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts recording when {@code itemId} first gets an embedding and first appears in a list. */
  void watch(String itemId) {
    watched = itemId;
  }

  Optional<Long> embeddedAt(String itemId) {
    return Optional.ofNullable(embeddedAt.get(itemId));
  }

  Optional<Long> firstRecommendedAt(String itemId) {
    return Optional.ofNullable(firstRecommendedAt.get(itemId));
  }

  Optional<String> firstRecommendedTo(String itemId) {
    return Optional.ofNullable(firstRecommendedTo.get(itemId));
  }

  /** Model version of the first list that contained {@code itemId}. */
  Optional<String> firstRecommendedBy(String itemId) {
    return Optional.ofNullable(firstRecommendedBy.get(itemId));
  }

  /** How many embedding records {@code itemId} has had on {@code catalog.item_embeddings}. */
  int embeddingCount(String itemId) {
    return embeddingCount.getOrDefault(itemId, 0);
  }

  /** A consistent copy of the counters. */
  synchronized Snapshot snapshot() {
    return new Snapshot(interactions, recommendations, embeddings, judged, hits, modelVersion,
        latencyMs.getTotalCount() == 0 ? 0 : latencyMs.getValueAtPercentile(50),
        latencyMs.getTotalCount() == 0 ? 0 : latencyMs.getValueAtPercentile(99), latencyMs.getTotalCount());
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

  private synchronized void onRecord(ConsumerRecord<String, byte[]> r) {
    String topic = r.topic();
    if (r.value() == null) {
      return;
    }
    if (topic.equals(topics.interactions().name())) {
      Interaction i = topics.interactions().valueSerde().deserializer().deserialize(topic, r.value());
      interactions++;
      String user = i.getUserId();
      sentAt.put(user + "@" + i.getTimestamp().toEpochMilli(), r.timestamp());
      List<String> last = lastRecs.get(user);
      // serving drops every seen item, so a repeat can never be a hit: only first consumptions are judged
      boolean repeat = !seen.computeIfAbsent(user, u -> new java.util.HashSet<>()).add(i.getItemId());
      if (last != null && !repeat) {
        judged++;
        if (last.subList(0, Math.min(HIT_AT, last.size())).contains(i.getItemId())) {
          hits++;
        }
      }
    } else if (topic.equals(topics.itemEmbeddings().name())) {
      ItemEmbedding e = topics.itemEmbeddings().valueSerde().deserializer().deserialize(topic, r.value());
      embeddings++;
      embeddedAt.putIfAbsent(e.getItemId(), r.timestamp());
      embeddingCount.merge(e.getItemId(), 1, Integer::sum);
    } else {
      Recommendations recs = topics.recommendations().valueSerde().deserializer().deserialize(topic, r.value());
      recommendations++;
      modelVersion = recs.getModelVersion();
      List<String> items = recs.getItems().stream().map(ScoredItem::getItemId).toList();
      lastRecs.put(recs.getUserId(), items);
      long emitted = recs.getEmittedAt().toEpochMilli();
      Long sent = sentAt.remove(recs.getUserId() + "@" + recs.getEventTime().toEpochMilli());
      if (sent != null) {
        latencyMs.recordValue(Math.max(0, Math.min(MAX_LATENCY_MS, emitted - sent)));
      }
      String w = watched;
      if (!w.isEmpty() && items.contains(w) && firstRecommendedAt.putIfAbsent(w, emitted) == null) {
        firstRecommendedTo.put(w, recs.getUserId());
        firstRecommendedBy.put(w, recs.getModelVersion());
      }
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
  record Snapshot(long interactions, long recommendations, long embeddings, long judged, long hits,
      String modelVersion, long p50Ms, long p99Ms, long latencySamples) {

    double hitRate() {
      return judged == 0 ? Double.NaN : (double) hits / judged;
    }
  }
}
