package io.llmemb.bench.reliability;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.avro.Recommendations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code recs.next_items} from the beginning with {@code read_committed} (what a downstream
 * consumer of an exactly-once application sees) while the run goes on, and keeps what the verdict
 * needs: how often each userId + eventTime arrived, each user's arrival order, the full records of
 * the sampled users, and per partition the emission times, from which the stall after each fault is
 * measured.
 */
public final class OutputTracker implements AutoCloseable {

  private final KafkaConsumer<String, Recommendations> consumer;
  private final Set<String> sampledUsers;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> arrivalOrder = new HashMap<>();
  private final Map<String, List<Recommendations>> sampled = new HashMap<>();
  private final Map<Integer, List<Long>> emittedByPartition = new HashMap<>();
  private final Map<Integer, Long> lastEmitted = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());

  OutputTracker(String bootstrap, Topic<String, Recommendations> topic, Set<String> sampledUsers) {
    this.sampledUsers = Set.copyOf(sampledUsers);
    this.consumer = readCommitted(bootstrap, topic.valueSerde().deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    partitions.forEach(p -> emittedByPartition.put(p.partition(), new ArrayList<>()));
    this.thread = new Thread(this::loop, "reliability-output-tracker");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<String, Recommendations> r : consumer.poll(Duration.ofMillis(200))) {
          accept(r.partition(), r.value());
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void accept(int partition, Recommendations r) {
    long eventTime = r.getEventTime().toEpochMilli();
    long emitted = r.getEmittedAt().toEpochMilli();
    counts.merge(ReplayEvent.key(r.getUserId(), eventTime), 1, Integer::sum);
    synchronized (this) {
      arrivalOrder.computeIfAbsent(r.getUserId(), u -> new ArrayList<>()).add(eventTime);
      if (sampledUsers.contains(r.getUserId())) {
        sampled.computeIfAbsent(r.getUserId(), u -> new ArrayList<>()).add(r);
      }
      emittedByPartition.get(partition).add(emitted);
    }
    lastEmitted.merge(partition, emitted, Math::max);
    total.incrementAndGet();
    lastArrivalNanos.set(System.nanoTime());
  }

  /** Output records read so far. */
  long total() {
    return total.get();
  }

  /** Nanos (System.nanoTime) of the latest arrival. */
  long lastArrivalNanos() {
    return lastArrivalNanos.get();
  }

  /**
   * Whether every partition has emitted a record after {@code epochMillis}: output flows again
   * everywhere.
   */
  boolean resumedEverywhereAfter(long epochMillis) {
    rethrow();
    return emittedByPartition.keySet().stream()
        .allMatch(p -> lastEmitted.getOrDefault(p, -1L) > epochMillis);
  }

  /**
   * Time from {@code epochMillis} until the last partition to recover emitted its first record
   * after it, in ms; -1 when some partition never emitted again. The slowest partition counts
   * because a partition the killed instance owned is what users of those keys wait on, while the
   * others keep flowing.
   */
  synchronized long stallAfter(long epochMillis) {
    long worst = 0;
    for (List<Long> emitted : emittedByPartition.values()) {
      long first =
          emitted.stream().mapToLong(Long::longValue).filter(t -> t > epochMillis).min().orElse(-1);
      if (first < 0) {
        return -1;
      }
      worst = Math.max(worst, first - epochMillis);
    }
    return worst;
  }

  int count(String key) {
    return counts.getOrDefault(key, 0);
  }

  Set<String> keys() {
    return counts.keySet();
  }

  synchronized Map<String, List<Long>> arrivalOrder() {
    return Map.copyOf(arrivalOrder);
  }

  synchronized List<Recommendations> sampled(String user) {
    return List.copyOf(sampled.getOrDefault(user, List.of()));
  }

  private void rethrow() {
    if (failure != null) {
      throw new IllegalStateException("reading recs.next_items failed", failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(15_000);
    if (thread.isAlive()) {
      throw new IllegalStateException("the recs.next_items reader did not stop within 15 s");
    }
    rethrow();
  }

  /**
   * A consumer of committed records only (serving writes under exactly-once: what an aborted
   * transaction wrote must not count), String keys, in large polls; assign partitions yourself.
   */
  public static <V> KafkaConsumer<String, V> readCommitted(
      String bootstrap, Deserializer<V> values) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000),
        new StringDeserializer(),
        values);
  }
}
