package io.llmemb.embeddingworker;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code catalog.item_embeddings} topic from its start to the end offsets seen when the read
 * began and returns the latest fingerprint per item (tombstones remove). Undecodable records are skipped with a
 * warning: they cannot have come from this worker and must not stop it from starting.
 */
public final class PromptHashIndexLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PromptHashIndexLoader.class);

  private final Map<String, Object> consumerConfig;
  private final Topic<String, ItemEmbedding> topic;
  private final Duration timeout;

  /**
   * @param consumerConfig base Kafka consumer settings (bootstrap servers at least); no group is used
   * @param topic the embeddings topic with its serdes
   * @param timeout give up (and fail start-up) when the topic cannot be read to its end within this time
   */
  public PromptHashIndexLoader(Map<String, Object> consumerConfig, Topic<String, ItemEmbedding> topic,
      Duration timeout) {
    this.consumerConfig = Map.copyOf(consumerConfig);
    this.topic = topic;
    this.timeout = timeout;
  }

  /** The latest fingerprint of every item with a published embedding. */
  public Map<String, PromptHashIndex.Fingerprint> load() {
    Properties props = new Properties();
    props.putAll(consumerConfig);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, PromptHashIndex.Fingerprint> out = new HashMap<>();
    long skipped = 0;
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (!reached(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end offsets " + end
              + " within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          read++;
          String key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(r.topic(), r.key());
          if (key == null) {
            skipped++;
          } else if (r.value() == null) {
            out.remove(key);
          } else {
            try {
              ItemEmbedding e = topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
              out.put(key, new PromptHashIndex.Fingerprint(e.getPromptHash(), e.getLlmVersion()));
            } catch (RuntimeException e) {
              skipped++;
              LOG.warn("Skipping undecodable {} record at {}-{}@{}: {}", topic.name(), r.topic(), r.partition(),
                  r.offset(), e.toString());
            }
          }
        }
      }
    }
    LOG.info("Loaded {} item fingerprints from {} ({} records read, {} skipped)", out.size(), topic.name(), read,
        skipped);
    return out;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
