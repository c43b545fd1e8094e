package io.llmemb.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each topic holds, counted by reading them: end offsets overcount under
 * exactly-once, because every committed or aborted transaction leaves a marker that takes an offset
 * but is no record, and a {@code read_committed} consumer also skips the records of aborted
 * transactions. Give it a {@code read_committed} consumer to count what a downstream application
 * sees.
 */
final class RecordCounts {

  /**
   * Records read per topic, and whether every partition was read to its end within the time
   * allowed.
   *
   * @param endOffsets per topic, the sum of its partitions' end offsets (what the old summary
   *     printed)
   */
  record Counts(Map<String, Long> records, Map<String, Long> endOffsets, boolean complete) {}

  private RecordCounts() {}

  /**
   * Reads every partition of {@code topics} from the beginning to the end offset it has now ({@code
   * consumer}'s isolation level decides which end: the last stable offset for {@code
   * read_committed}).
   */
  static <K, V> Counts count(Consumer<K, V> consumer, Collection<String> topics, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer
          .partitionsFor(topic, timeout)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    Map<String, Long> records = new LinkedHashMap<>();
    Map<String, Long> ends = new LinkedHashMap<>();
    topics.forEach(
        t -> {
          records.put(t, 0L);
          ends.put(t, 0L);
        });
    if (partitions.isEmpty()) {
      return new Counts(records, ends, true);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
    end.forEach((tp, offset) -> ends.merge(tp.topic(), offset, Long::sum));
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> remaining = new HashMap<>(end);
    while (true) {
      // a partition is done once its position reaches the end: the consumer moves past markers and
      // aborted records
      remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
      if (remaining.isEmpty()) {
        return new Counts(records, ends, true);
      }
      if (System.nanoTime() > deadline) {
        return new Counts(records, ends, false);
      }
      for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
        Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
        if (stop != null && r.offset() < stop) {
          records.merge(r.topic(), 1L, Long::sum);
        }
      }
    }
  }
}
