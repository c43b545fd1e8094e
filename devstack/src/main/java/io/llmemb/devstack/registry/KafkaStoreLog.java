package io.llmemb.devstack.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * The registry's durable log: a compacted, single-partition {@code _schemas} topic, as in
 * Confluent's kafkastore. Writes are synchronous (acks=all, idempotent) so state changes only after
 * Kafka has the record. Not thread-safe: the store serializes calls.
 */
final class KafkaStoreLog implements AutoCloseable {

  /** Topic name used by Confluent Schema Registry too. */
  static final String TOPIC = "_schemas";

  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int FETCH_MAX_WAIT_MS = 10;

  private final String bootstrap;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> reader;

  KafkaStoreLog(String bootstrap, Duration timeout) {
    this.bootstrap = bootstrap;
    this.timeout = timeout;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
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

  /** Creates {@code _schemas} (compacted, 1 partition, RF 1) unless it exists. */
  void ensureTopic() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      NewTopic topic =
          new NewTopic(TOPIC, 1, (short) 1)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw RegistryException.storeError(
            "cannot create " + TOPIC + ": " + e.getCause().getMessage(), e);
      }
    } catch (TimeoutException e) {
      throw RegistryException.storeError("timed out creating " + TOPIC + " on " + bootstrap, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted creating " + TOPIC, e);
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
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
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
        reader.assign(List.of(PARTITION));
        reader.seekToBeginning(List.of(PARTITION));
      }
      long end = reader.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (reader.position(PARTITION, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw RegistryException.storeError(
              "reading "
                  + TOPIC
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
      throw RegistryException.storeError("cannot read " + TOPIC + ": " + e.getMessage(), e);
    }
  }

  /** Appends one record and returns once the broker acknowledged it. */
  void append(String key, String valueOrNull) {
    try {
      producer
          .send(new ProducerRecord<>(TOPIC, 0, key, valueOrNull))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw RegistryException.storeError(
          "write to " + TOPIC + " failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw RegistryException.storeError(
          "write to " + TOPIC + " not acknowledged in " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted writing to " + TOPIC, e);
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
