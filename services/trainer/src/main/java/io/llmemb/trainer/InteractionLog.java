package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.errors.RegistryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tracking.interactions} (Avro {@code Interaction}) into an {@link
 * InteractionSnapshot}. Records that do not decode are counted, left out and handed to a {@link
 * SnapshotDeadLetters}, which sends each to {@code tracking.interactions.dlq} once however many
 * snapshots read it. A record that failed because the schema registry is unreachable is not bad, so
 * the snapshot fails instead: it would otherwise train on a partial log and dead-letter good
 * records.
 */
public final class InteractionLog {

  /** Pseudo file name of snapshot records in the method library's {@code file:line} messages. */
  static final String SOURCE = "kafka";

  private static final Logger LOG = LoggerFactory.getLogger(InteractionLog.class);

  private final Map<String, Object> clientConfig;
  private final Topic<String, io.llmemb.schemas.avro.Interaction> topic;
  private final Duration timeout;
  private final SnapshotDeadLetters deadLetters;

  /**
   * @param clientConfig Kafka client settings (bootstrap servers at least)
   * @param topic the interactions topic with its serdes
   * @param timeout longest time one snapshot read may take
   * @param deadLetters where undecodable records go
   */
  public InteractionLog(
      Map<String, Object> clientConfig,
      Topic<String, io.llmemb.schemas.avro.Interaction> topic,
      Duration timeout,
      SnapshotDeadLetters deadLetters) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.timeout = timeout;
    this.deadLetters = deadLetters;
  }

  /** The log from the start to its current end. */
  public InteractionSnapshot snapshot() {
    List<Interaction> out = new ArrayList<>();
    List<SnapshotDeadLetters.Failed> malformed = new ArrayList<>();
    Map<TopicPartition, Long> end =
        TopicReader.readToEnd(
            clientConfig,
            topic.name(),
            timeout,
            r -> {
              try {
                io.llmemb.schemas.avro.Interaction i =
                    topic
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.headers(), r.value());
                if (i == null) {
                  throw new IllegalArgumentException("null value");
                }
                out.add(
                    new Interaction(
                        i.getUserId(),
                        i.getItemId(),
                        i.getTimestamp().toEpochMilli(),
                        i.getRating(),
                        SOURCE,
                        r.offset()));
              } catch (RegistryUnavailableException e) {
                throw e;
              } catch (RuntimeException e) {
                malformed.add(new SnapshotDeadLetters.Failed(r, e));
              }
            });
    deadLetter(malformed);
    Map<Integer, Long> byPartition = new HashMap<>();
    end.forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
    return new InteractionSnapshot(out, byPartition, malformed.size());
  }

  /**
   * A failed send does not fail the snapshot: the records stay in the log, so the next snapshot
   * offers them again, and a training should not wait for the dead-letter topic.
   */
  private void deadLetter(List<SnapshotDeadLetters.Failed> malformed) {
    try {
      int sent = deadLetters.send(malformed);
      if (sent > 0) {
        LOG.warn(
            "Dead-lettered {} of the {} undecodable {} records to {} (the others were already there)",
            sent,
            malformed.size(),
            topic.name(),
            topic.dlq());
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Left out {} undecodable {} records; dead-lettering them failed, the next snapshot retries: {}",
          malformed.size(),
          topic.name(),
          e.toString());
    }
  }

  /** Records currently in the log (sum of end offsets), without reading them. */
  public long records() {
    return TopicReader.endOffsets(clientConfig, topic.name(), timeout).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
