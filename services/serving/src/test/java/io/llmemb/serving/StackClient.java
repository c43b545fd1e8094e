package io.llmemb.serving;

import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side Kafka client of the serving app: produces releases, interactions and embeddings with
 * the project's serdes, and reads {@code recs.next_items} read_committed (what a downstream reader
 * of an exactly-once app sees).
 */
final class StackClient implements AutoCloseable {

  private final Topics topics;
  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, Recommendations> recs;

  StackClient(String bootstrap, Topics topics) {
    this.topics = topics;
    this.bootstrap = bootstrap;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer());
    this.recs =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            topics.recommendations().valueSerde().deserializer());
    recs.assign(
        recs.partitionsFor(topics.recommendations().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList());
    recs.seekToBeginning(recs.assignment());
  }

  void release(ModelRelease release) throws Exception {
    send(
        topics.modelReleases().name(),
        release.getModelName(),
        topics
            .modelReleases()
            .valueSerde()
            .serializer()
            .serialize(topics.modelReleases().name(), release),
        true);
  }

  void interact(String user, String item, boolean wait) throws Exception {
    Interaction i = new Interaction(user, item, InteractionType.VIEW, null, Instant.now());
    send(
        topics.interactions().name(),
        user,
        topics.interactions().valueSerde().serializer().serialize(topics.interactions().name(), i),
        wait);
  }

  void embed(String item, List<Float> vector, String llmVersion) throws Exception {
    ItemEmbedding e =
        new ItemEmbedding(item, vector, "hash-" + item, llmVersion, "p1", Instant.now());
    send(
        topics.itemEmbeddings().name(),
        item,
        topics
            .itemEmbeddings()
            .valueSerde()
            .serializer()
            .serialize(topics.itemEmbeddings().name(), e),
        true);
  }

  /**
   * Sends {@code e} under {@code key} (which may differ from its itemId) and waits for the
   * acknowledgement.
   */
  void embedKeyed(String key, ItemEmbedding e) throws Exception {
    send(
        topics.itemEmbeddings().name(),
        key,
        topics
            .itemEmbeddings()
            .valueSerde()
            .serializer()
            .serialize(topics.itemEmbeddings().name(), e),
        true);
  }

  /** Every record of {@code topic} from the start to its current end, keys as text. */
  List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    TopicReader.readToEnd(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        topic,
        Duration.ofSeconds(30),
        r ->
            out.add(
                new ConsumerRecord<>(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.timestamp(),
                    r.timestampType(),
                    r.serializedKeySize(),
                    r.serializedValueSize(),
                    r.key() == null
                        ? null
                        : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                    r.value(),
                    r.headers(),
                    r.leaderEpoch())));
    return out;
  }

  void flush() {
    producer.flush();
  }

  /**
   * Recommendations read within {@code wait}, until one matches {@code stop} (included) or time
   * runs out.
   */
  List<Recommendations> readUntil(Predicate<Recommendations> stop, Duration wait) {
    List<Recommendations> out = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, Recommendations> r : recs.poll(Duration.ofMillis(20))) {
        out.add(r.value());
        if (stop.test(r.value())) {
          return out;
        }
      }
    }
    return out;
  }

  private void send(String topic, String key, byte[] value, boolean wait)
      throws ExecutionException, InterruptedException {
    var sent = producer.send(new ProducerRecord<>(topic, key, value));
    if (wait) {
      sent.get();
    }
  }

  @Override
  public void close() {
    producer.close();
    recs.close();
  }
}
