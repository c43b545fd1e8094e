package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tracking.interactions} (Avro {@code Interaction}) into an {@link InteractionSnapshot}. Records that
 * do not decode are counted and logged, not dead-lettered: the trainer re-reads the log on every run, and the
 * serving app already dead-letters them once.
 */
public final class InteractionLog {

  /** Pseudo file name of snapshot records in the method library's {@code file:line} messages. */
  static final String SOURCE = "kafka";
  private static final Logger LOG = LoggerFactory.getLogger(InteractionLog.class);

  private final Map<String, Object> clientConfig;
  private final Topic<String, io.llmemb.schemas.avro.Interaction> topic;
  private final Duration timeout;

  /**
   * @param clientConfig Kafka client settings (bootstrap servers at least)
   * @param topic the interactions topic with its serdes
   * @param timeout longest time one snapshot read may take
   */
  public InteractionLog(Map<String, Object> clientConfig, Topic<String, io.llmemb.schemas.avro.Interaction> topic,
      Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.timeout = timeout;
  }

  /** The log from the start to its current end. */
  public InteractionSnapshot snapshot() {
    List<Interaction> out = new ArrayList<>();
    long[] malformed = new long[1];
    Map<TopicPartition, Long> end = TopicReader.readToEnd(clientConfig, topic.name(), timeout, r -> {
      try {
        io.llmemb.schemas.avro.Interaction i = topic.valueSerde().deserializer()
            .deserialize(r.topic(), r.headers(), r.value());
        if (i == null) {
          throw new IllegalArgumentException("null value");
        }
        out.add(new Interaction(i.getUserId(), i.getItemId(), i.getTimestamp().toEpochMilli(), i.getRating(),
            SOURCE, r.offset()));
      } catch (RuntimeException e) {
        if (malformed[0]++ < 5) {
          LOG.warn("Leaving out undecodable {} record at partition {} offset {}: {}", topic.name(), r.partition(),
              r.offset(), e.toString());
        }
      }
    });
    Map<Integer, Long> byPartition = new HashMap<>();
    end.forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
    return new InteractionSnapshot(out, byPartition, malformed[0]);
  }

  /** Records currently in the log (sum of end offsets), without reading them. */
  public long records() {
    return TopicReader.endOffsets(clientConfig, topic.name(), timeout).values().stream()
        .mapToLong(Long::longValue).sum();
  }
}
