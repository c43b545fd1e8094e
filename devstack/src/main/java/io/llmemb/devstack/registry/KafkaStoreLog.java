package io.llmemb.devstack.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's durable log: a compacted, single-partition topic ({@code _schemas} unless
 * configured otherwise), as in Confluent's kafkastore. Writes are synchronous (acks=all,
 * idempotent) so state changes only after Kafka has the record. Not thread-safe: the store
 * serializes calls.
 */
final class KafkaStoreLog implements AutoCloseable {

  /** Default topic name, the one Confluent Schema Registry uses too. */
  static final String TOPIC = RegistrySettings.DEFAULT_TOPIC;

  private static final Duration POLL = Duration.ofMillis(200);
  private static final int FETCH_MAX_WAIT_MS = 10;

  private final String bootstrap;
  private final String topic;
  private final TopicPartition partition;
  private final short replicationFactor;
  private final Map<String, Object> clientProperties;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> reader;

  /**
   * Connects with the settings' bootstrap servers and client properties (security); the topic and
   * its replication factor are used by {@link #ensureTopic()}.
   */
  KafkaStoreLog(RegistrySettings settings) {
    this.bootstrap = settings.bootstrapServers();
    this.topic = settings.topic();
    this.partition = new TopicPartition(topic, 0);
    this.replicationFactor = settings.topicReplicationFactor();
    this.clientProperties = settings.clientProperties();
    this.timeout = settings.storeTimeout();
    this.producer =
        new KafkaProducer<>(
            client(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) timeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeout.toMillis(), 30_000),
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new StringSerializer());
  }

  /** The topic this log reads and appends to. */
  String topic() {
    return topic;
  }

  /** Bootstrap servers, the client properties, then {@code keysAndValues} (pairs) on top. */
  private Map<String, Object> client(Object... keysAndValues) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      config.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return config;
  }

  /** Creates the topic (compacted, 1 partition, the configured RF) unless it exists. */
  void ensureTopic() {
    try (Admin admin = Admin.create(client())) {
      NewTopic newTopic =
          new NewTopic(topic, 1, replicationFactor)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw RegistryException.storeError(
            "cannot create " + topic + ": " + e.getCause().getMessage(), e);
      }
    } catch (TimeoutException e) {
      throw RegistryException.storeError("timed out creating " + topic + " on " + bootstrap, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted creating " + topic, e);
    }
  }

  /**
   * Feeds every record not seen yet, up to the current end of the topic, to {@code apply} (value
   * null = tombstone). The first call replays from the beginning; later calls pick up writes of
   * other instances and our own acknowledged writes, which is how state changes: only from what
   * Kafka holds.
   */
  void catchUp(BiConsumer<String, String> apply) {
    try {
      if (reader == null) {
        reader =
            new KafkaConsumer<>(
                client(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    // Reads follow our own writes synchronously: never let an idle fetch park on
                    // the broker for long.
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    FETCH_MAX_WAIT_MS,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        reader.assign(List.of(partition));
        reader.seekToBeginning(List.of(partition));
      }
      long end = reader.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (reader.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw RegistryException.storeError(
              "reading "
                  + topic
                  + " did not reach offset "
                  + end
                  + " in "
                  + timeout.toSeconds()
                  + " s",
              null);
        }
        for (ConsumerRecord<String, String> r : reader.poll(POLL)) {
          apply.accept(r.key(), r.value());
        }
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw RegistryException.storeError("cannot read " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Appends one record and returns once the broker acknowledged it. */
  void append(String key, String valueOrNull) {
    try {
      producer
          .send(new ProducerRecord<>(topic, 0, key, valueOrNull))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw RegistryException.storeError(
          "write to " + topic + " failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw RegistryException.storeError(
          "write to " + topic + " not acknowledged in " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted writing to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    if (reader != null) {
      reader.close(Duration.ofSeconds(5));
    }
  }
}
