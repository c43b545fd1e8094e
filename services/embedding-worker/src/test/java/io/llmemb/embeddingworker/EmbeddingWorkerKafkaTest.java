package io.llmemb.embeddingworker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker app on the real broker + registry with the real MiniLM encoder: items in, embeddings
 * out; an unchanged item republished is not re-embedded; a deleted item is tombstoned; a malformed
 * record is dead-lettered.
 */
@ExtendWith(KafkaStackExtension.class)
class EmbeddingWorkerKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void itemsInEmbeddingsOut(KafkaStack stack) throws Exception {
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    Map<String, Object> props =
        Map.of(
            "kafka.bootstrap.servers",
            stack.bootstrapServers(),
            "llmemb.schema-registry.url",
            stack.schemaRegistryUrl(),
            "llmemb.worker.group-id",
            run + "group",
            "llmemb.worker.batch-size",
            4,
            "llmemb.worker.max-wait",
            "100ms",
            "micronaut.server.port",
            -1);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        KafkaProducer<byte[], byte[]> producer = producer(stack)) {
      ApplicationContext ctx = server.getApplicationContext();
      WorkerMetrics metrics = ctx.getBean(WorkerMetrics.class);
      send(producer, topics, run + "1", EmbeddingBatcherTest.item(run + "1", "Toy Story", "1995"));
      send(producer, topics, run + "2", EmbeddingBatcherTest.item(run + "2", "Heat", "1995"));
      send(producer, topics, run + "3", EmbeddingBatcherTest.item(run + "3", "Casino", "1995"));

      await().atMost(WAIT).until(() -> read(stack, TopicNames.ITEM_EMBEDDINGS, run).size() == 3);
      List<ConsumerRecord<byte[], byte[]>> first = read(stack, TopicNames.ITEM_EMBEDDINGS, run);
      ItemEmbedding e1 =
          decode(
              topics,
              first.stream().filter(r -> key(r).equals(run + "1")).findFirst().orElseThrow());
      assertEquals(384, e1.getVector().size());
      assertTrue(e1.getLlmVersion().startsWith("minilm@"), e1.getLlmVersion());
      assertEquals(new ItemPrompter("movielens").promptVersion(), e1.getPromptVersion());

      // Second copy of item 1 (unchanged) and a changed item 2.
      send(producer, topics, run + "1", EmbeddingBatcherTest.item(run + "1", "Toy Story", "1995"));
      send(producer, topics, run + "2", EmbeddingBatcherTest.item(run + "2", "Heat", "1996"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  read(stack, TopicNames.ITEM_EMBEDDINGS, run).size() == 4
                      && metrics.skippedCount() >= 1);
      List<ConsumerRecord<byte[], byte[]>> second = read(stack, TopicNames.ITEM_EMBEDDINGS, run);
      assertEquals(1, second.stream().filter(r -> key(r).equals(run + "1")).count());
      List<ConsumerRecord<byte[], byte[]>> item2 =
          second.stream().filter(r -> key(r).equals(run + "2")).toList();
      assertEquals(2, item2.size());
      assertNotEquals(
          decode(topics, item2.get(0)).getPromptHash(),
          decode(topics, item2.get(1)).getPromptHash());

      // Delete item 3 (tombstone) and send a record that is not Avro.
      producer.send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(run + "3"), null)).get();
      producer
          .send(
              new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(run + "bad"), bytes("not avro")))
          .get();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  read(stack, TopicNames.ITEM_EMBEDDINGS, run).stream()
                      .anyMatch(r -> key(r).equals(run + "3") && r.value() == null));
      await()
          .atMost(WAIT)
          .until(() -> !read(stack, TopicNames.dlq(TopicNames.CATALOG_ITEMS), run).isEmpty());
      ConsumerRecord<byte[], byte[]> dead =
          read(stack, TopicNames.dlq(TopicNames.CATALOG_ITEMS), run).get(0);
      assertEquals(run + "bad", key(dead));
      assertEquals(TopicNames.CATALOG_ITEMS, header(dead, DeadLetters.HEADER_SOURCE_TOPIC));
      assertFalse(ctx.getBean(EmbeddingWorker.class).index().contains(run + "3"));

      // The operator's view: health and the Prometheus numbers.
      assertTrue(HttpProbe.get(server.getURI().resolve("/health")).contains("UP"));
      String prometheus = HttpProbe.get(server.getURI().resolve("/prometheus"));
      for (String meter :
          List.of(
              "llmemb_worker_items_skipped_total 1.0",
              "llmemb_worker_dlq_total 1.0",
              "llmemb_worker_tombstones_total 1.0",
              "llmemb_worker_items_embedded_total 4.0",
              "llmemb_worker_lag",
              "llmemb_worker_embed_seconds",
              "llmemb_worker_batch_size")) {
        assertTrue(prometheus.contains(meter), meter + " missing from /prometheus");
      }
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaStack stack) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, Topics topics, String key, Item item)
      throws Exception {
    byte[] value =
        topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, item);
    producer.send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(key), value)).get();
  }

  /**
   * Every record of {@code topic} whose key starts with {@code prefix}, read from the start to the
   * end.
   */
  private static List<ConsumerRecord<byte[], byte[]>> read(
      KafkaStack stack, String topic, String prefix) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key() != null && key(r).startsWith(prefix)) {
            out.add(r);
          }
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    return out;
  }

  private static ItemEmbedding decode(Topics topics, ConsumerRecord<byte[], byte[]> r) {
    return topics.itemEmbeddings().valueSerde().deserializer().deserialize(r.topic(), r.value());
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
