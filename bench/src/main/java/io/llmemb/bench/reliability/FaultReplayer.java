package io.llmemb.bench.reliability;

import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer side of a run: interactions, poison and catalog records into the real topics,
 * through one idempotent producer with a delivery timeout long enough to ride out a broker restart.
 * Only what the broker acknowledged counts as sent, so the expected outputs are honest even if a
 * send fails.
 */
public final class FaultReplayer implements AutoCloseable {

  private static final int ACKED = 1;
  private static final int FAILED = 2;

  private final Topics topics;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicIntegerArray status;
  private final AtomicLong failures = new AtomicLong();
  private final List<BadRecord> poison = new ArrayList<>();
  private final List<String> catalog = new ArrayList<>();
  private volatile Exception lastFailure;

  /** A producer for at most {@code events} interactions (indexes {@code 0..events-1}). */
  public FaultReplayer(String bootstrap, Topics topics, int events) {
    this.topics = topics;
    this.status = new AtomicIntegerArray(events);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                120_000),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Publishes the release and waits for the acknowledgement. */
  public void release(ModelRelease release)
      throws InterruptedException, ExecutionException, TimeoutException {
    String topic = topics.modelReleases().name();
    producer
        .send(
            new ProducerRecord<>(
                topic,
                utf8(release.getModelName()),
                topics.modelReleases().valueSerde().serializer().serialize(topic, release)))
        .get(60, TimeUnit.SECONDS);
  }

  /** Sends interaction {@code index}; its acknowledgement is recorded when it comes. */
  public void interaction(int index, ReplayEvent e) {
    Interaction value =
        new Interaction(
            e.userId(),
            e.itemId(),
            InteractionType.VIEW,
            null,
            Instant.ofEpochMilli(e.eventTime()));
    producer.send(
        new ProducerRecord<>(
            TopicNames.INTERACTIONS,
            utf8(e.userId()),
            topics
                .interactions()
                .valueSerde()
                .serializer()
                .serialize(TopicNames.INTERACTIONS, value)),
        (meta, error) -> {
          if (error == null) {
            status.set(index, ACKED);
          } else {
            status.set(index, FAILED);
            failures.incrementAndGet();
            lastFailure = error;
          }
        });
  }

  /** Sends a poison record; where it landed is recorded when the broker acknowledges it. */
  void poison(Poison kind, ProducerRecord<byte[], byte[]> record) {
    producer.send(
        record,
        (meta, error) -> {
          if (error == null) {
            synchronized (poison) {
              poison.add(new BadRecord(kind.name(), meta.topic(), meta.partition(), meta.offset()));
            }
          } else {
            failures.incrementAndGet();
            lastFailure = error;
          }
        });
  }

  /** Publishes a catalog record for the worker to embed. */
  public void catalogItem(Item item) {
    producer.send(
        new ProducerRecord<>(
            TopicNames.CATALOG_ITEMS,
            utf8(item.getItemId()),
            topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, item)),
        (meta, error) -> {
          if (error == null) {
            synchronized (catalog) {
              catalog.add(item.getItemId());
            }
          } else {
            failures.incrementAndGet();
            lastFailure = error;
          }
        });
  }

  /**
   * Publishes an item embedding as the embedding worker does (key itemId); a failed send counts
   * among {@link #failures()}.
   */
  public void itemEmbedding(ItemEmbedding embedding) {
    producer.send(
        new ProducerRecord<>(
            TopicNames.ITEM_EMBEDDINGS,
            utf8(embedding.getItemId()),
            topics
                .itemEmbeddings()
                .valueSerde()
                .serializer()
                .serialize(TopicNames.ITEM_EMBEDDINGS, embedding)),
        (meta, error) -> {
          if (error != null) {
            failures.incrementAndGet();
            lastFailure = error;
          }
        });
  }

  public void flush() {
    producer.flush();
  }

  public boolean acked(int index) {
    return status.get(index) == ACKED;
  }

  /** Sends of any kind that failed. */
  public long failures() {
    return failures.get();
  }

  public Exception lastFailure() {
    return lastFailure;
  }

  List<BadRecord> poison() {
    synchronized (poison) {
      return List.copyOf(poison);
    }
  }

  List<String> catalog() {
    synchronized (catalog) {
      return List.copyOf(catalog);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
