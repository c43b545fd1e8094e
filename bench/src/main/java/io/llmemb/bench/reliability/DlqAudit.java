package io.llmemb.bench.reliability;

import io.llmemb.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the dead-letter copies of each injected record by its {@code dlq.source.*} headers,
 * reading every DLQ topic to its end with {@code read_committed}.
 *
 * @param expected injected records
 * @param found injected records with at least one copy
 * @param duplicated copies beyond the first, over all injected records
 * @param unexpected DLQ records that are no injected record's copy (a good record dead-lettered, or
 *     no headers)
 * @param byTopic per source topic: expected, found, duplicated
 */
record DlqAudit(
    int expected, int found, int duplicated, int unexpected, Map<String, int[]> byTopic) {

  static DlqAudit read(
      String bootstrap, Collection<String> dlqTopics, List<BadRecord> injected, Duration timeout) {
    Map<String, Integer> copies = new HashMap<>();
    int unexpected = 0;
    Map<String, BadRecord> bySource = new HashMap<>();
    injected.forEach(b -> bySource.put(b.source(), b));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          dlqTopics.stream()
              .flatMap(t -> consumer.partitionsFor(t).stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("DLQ topics not read to their end within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String topic = header(r, DeadLetters.HEADER_SOURCE_TOPIC);
          String partition = header(r, DeadLetters.HEADER_SOURCE_PARTITION);
          String offset = header(r, DeadLetters.HEADER_SOURCE_OFFSET);
          String source =
              topic == null || partition == null || offset == null
                  ? null
                  : BadRecord.source(topic, Integer.parseInt(partition), Long.parseLong(offset));
          if (source != null && bySource.containsKey(source)) {
            copies.merge(source, 1, Integer::sum);
          } else {
            unexpected++;
          }
        }
      }
    }
    Map<String, int[]> byTopic = new java.util.TreeMap<>();
    int found = 0;
    int duplicated = 0;
    for (BadRecord b : injected) {
      int n = copies.getOrDefault(b.source(), 0);
      int[] t = byTopic.computeIfAbsent(b.topic(), k -> new int[3]);
      t[0]++;
      if (n > 0) {
        found++;
        t[1]++;
      }
      duplicated += Math.max(0, n - 1);
      t[2] += Math.max(0, n - 1);
    }
    return new DlqAudit(injected.size(), found, duplicated, unexpected, byTopic);
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
