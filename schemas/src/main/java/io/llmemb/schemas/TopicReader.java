package io.llmemb.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of a topic from its start up to the end offsets seen when the read began,
 * without a consumer group: how services rebuild state from a compacted topic (latest embedding per
 * item, latest release per model) or take a snapshot of a log (the interactions a trainer trains
 * on).
 */
public final class TopicReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {}

  /**
   * The latest value per key of a compacted topic (a tombstone removes the key), read to the
   * current end. Records whose key or value does not decode are passed to {@code onUndecodable} and
   * left out.
   */
  public static <V> Map<String, V> latestByKey(
      Map<String, Object> clientConfig,
      Topic<String, V> topic,
      Duration timeout,
      BiConsumer<ConsumerRecord<byte[], byte[]>, RuntimeException> onUndecodable) {
    Map<String, V> latest = new HashMap<>();
    readToEnd(
        clientConfig,
        topic.name(),
        timeout,
        r -> {
          try {
            String key =
                r.key() == null
                    ? null
                    : topic.keySerde().deserializer().deserialize(r.topic(), r.key());
            if (key == null) {
              throw new IllegalArgumentException("record without key");
            }
            if (r.value() == null) {
              latest.remove(key);
            } else {
              latest.put(
                  key,
                  topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()));
            }
          } catch (RuntimeException e) {
            onUndecodable.accept(r, e);
          }
        });
    return latest;
  }

  /** Current end offset of every partition of {@code topic}. */
  public static Map<TopicPartition, Long> endOffsets(
      Map<String, Object> clientConfig, String topic, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = groupless(clientConfig)) {
      return consumer.endOffsets(partitions(consumer, topic, timeout), timeout);
    }
  }

  /**
   * Passes every record of {@code topic} in {@code [start, end)} to {@code sink}, partition order
   * interleaved as the broker returns them (order within a partition is kept).
   *
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} at least); a group id is
   *     ignored
   * @param timeout fail when the end is not reached within this time
   * @return the end offsets read up to (the snapshot's position)
   * @throws IllegalStateException when the topic cannot be read to its end in time
   */
  public static Map<TopicPartition, Long> readToEnd(
      Map<String, Object> clientConfig,
      String topic,
      Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    return readFrom(clientConfig, topic, Map.of(), timeout, sink);
  }

  /**
   * As {@link #readToEnd}, but each partition from the offset in {@code start} (from its beginning
   * when absent): how a reader catches up with what was appended since its last read.
   *
   * @param start offset to read each partition from, e.g. the end offsets a previous read returned
   * @return the end offsets read up to
   */
  public static Map<TopicPartition, Long> readFrom(
      Map<String, Object> clientConfig,
      String topic,
      Map<TopicPartition, Long> start,
      Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    return read(clientConfig, topic, start, timeout, sink, false);
  }

  /**
   * As {@link #readFrom}; with {@code toLogEnd}, to each partition's log end (its high watermark)
   * even when {@code clientConfig} reads {@code read_committed}: such a reader's end offsets stop
   * at the first transaction still open, so a record committed after it would be missed; this read
   * waits until every transaction open below the log end is resolved and passes the committed
   * records.
   */
  static Map<TopicPartition, Long> read(
      Map<String, Object> clientConfig,
      String topic,
      Map<TopicPartition, Long> start,
      Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> sink,
      boolean toLogEnd) {
    try (KafkaConsumer<byte[], byte[]> consumer = groupless(clientConfig)) {
      List<TopicPartition> partitions = partitions(consumer, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (TopicPartition p : partitions) {
        Long from = start.get(p);
        if (from != null) {
          consumer.seek(p, from);
        }
      }
      Map<TopicPartition, Long> end =
          toLogEnd
              ? logEnd(clientConfig, partitions, timeout)
              : consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (!end.entrySet().stream()
          .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end offsets " + end + " within " + timeout);
        }
        consumer.poll(POLL).forEach(sink);
      }
      return end;
    }
  }

  /** High watermarks, whatever isolation level {@code clientConfig} reads with. */
  private static Map<TopicPartition, Long> logEnd(
      Map<String, Object> clientConfig, List<TopicPartition> partitions, Duration timeout) {
    Map<String, Object> uncommitted = new HashMap<>(clientConfig);
    uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = groupless(uncommitted)) {
      return consumer.endOffsets(partitions, timeout);
    }
  }

  private static KafkaConsumer<byte[], byte[]> groupless(Map<String, Object> clientConfig) {
    Properties props = new Properties();
    props.putAll(clientConfig);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
    return consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }
}
