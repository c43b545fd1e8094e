package io.llmemb.embeddingworker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerializer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker on the real broker + registry when producing its output fails: a catalog record of
 * almost the broker's maximum size that must be dead-lettered (its copy with reason headers no
 * longer fits). The worker used to log the failure, restart, and let the consumer's close commit
 * past the record, losing it with an empty DLQ. Now the letter arrives without its payload, the
 * records after it are embedded, and the committed offset only passes the record once its letter is
 * on the broker.
 */
@ExtendWith(KafkaStackExtension.class)
class EmbeddingWorkerFaultsTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  /**
   * Fits the broker's default 1,048,588-byte batch limit alone, not with the dead-letter headers
   * added.
   */
  private static final int NEAR_LIMIT_BYTES = 1_048_300;

  @Test
  void aDeadLetterTooLargeForTheBrokerArrivesWithoutPayloadAndNothingIsLost(KafkaStack stack)
      throws Exception {
    String run = "ft-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String group = run + "group";
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    Map<String, Object> props =
        Map.of(
            "kafka.bootstrap.servers",
            stack.bootstrapServers(),
            "llmemb.schema-registry.url",
            stack.schemaRegistryUrl(),
            "llmemb.worker.group-id",
            group,
            "llmemb.worker.batch-size",
            4,
            "llmemb.worker.max-wait",
            "100ms",
            "micronaut.server.port",
            -1);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                2 * NEAR_LIMIT_BYTES),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      send(producer, topics, run + "1", EmbeddingBatcherTest.item(run + "1", "Toy Story", "1995"));
      byte[] noise = new byte[NEAR_LIMIT_BYTES];
      new Random(7).nextBytes(noise);
      noise[0] = 0x7f;
      RecordMetadata bad =
          producer
              .send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(run + "big"), noise))
              .get();
      send(producer, topics, run + "2", EmbeddingBatcherTest.item(run + "2", "Heat", "1995"));

      try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
        await().atMost(WAIT).until(() -> letterFor(stack, bad) != null);
        ConsumerRecord<byte[], byte[]> letter = letterFor(stack, bad);
        assertNotNull(
            letter.headers().lastHeader(DeadLetters.HEADER_PAYLOAD_OMITTED),
            "payload omitted, marked");
        assertTrue(
            header(letter, DeadLetters.HEADER_PAYLOAD_OMITTED)
                .contains("value=" + NEAR_LIMIT_BYTES));
        assertTrue(header(letter, DeadLetters.HEADER_ERROR_MESSAGE).contains("magic byte"));
        await()
            .atMost(WAIT)
            .until(
                () ->
                    server
                        .getApplicationContext()
                        .getBean(EmbeddingWorker.class)
                        .index()
                        .contains(run + "2"));
        await().atMost(WAIT).until(() -> committed(stack, group, bad) > bad.offset());
        assertEquals(1, lettersFor(stack, bad).size(), "exactly one dead letter for the record");
      }
    }
  }

  @Test
  void everyBadCatalogRecordIsDeadLetteredOnceEvenWhenABackfillRereadsItAndGoodItemsAreEmbedded(
      KafkaStack stack) throws Exception {
    String run = "pm-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    Map<String, Object> props =
        new java.util.HashMap<>(
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
                -1));
    AvroSerializer<GenericRecord> generic = new AvroSerializer<>();
    generic.configure(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()), false);
    Schema other =
        SchemaBuilder.record("Unrelated")
            .namespace("test.pills")
            .fields()
            .requiredInt("n")
            .endRecord();
    GenericRecord unrelated = new GenericData.Record(other);
    unrelated.put("n", 1);
    Schema noTitle =
        SchemaBuilder.record("Item")
            .namespace("io.llmemb.schemas.avro")
            .fields()
            .requiredString("itemId")
            .requiredLong("updatedAt")
            .endRecord();
    GenericRecord missing = new GenericData.Record(noTitle);
    missing.put("itemId", run + "mf");
    missing.put("updatedAt", 1L);
    Item longText =
        Item.newBuilder(EmbeddingBatcherTest.item(run + "lt", "Long", "1999"))
            .setDescription("d".repeat(30_000))
            .build();
    Map<String, byte[]> pills = new java.util.LinkedHashMap<>();
    pills.put(run + "rb", "random bytes, not avro".getBytes(StandardCharsets.UTF_8));
    pills.put(run + "wm", new byte[] {1, 0, 0, 0, 1, 2, 'x'});
    pills.put(run + "us", new byte[] {0, 0x7f, 0x7f, 0x7f, 0x70, 2, 'x'});
    pills.put(run + "os", generic.serialize("pills-other-" + run, unrelated));
    pills.put(run + "mf", generic.serialize("pills-missing-" + run, missing));
    pills.put(
        run + "lt",
        topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, longText));
    pills.put(
        run + "kn",
        topics
            .items()
            .valueSerde()
            .serializer()
            .serialize(
                TopicNames.CATALOG_ITEMS,
                EmbeddingBatcherTest.item(run + "someone-else", "Key", "2000")));
    pills.put(
        "z".repeat(300),
        topics
            .items()
            .valueSerde()
            .serializer()
            .serialize(
                TopicNames.CATALOG_ITEMS,
                EmbeddingBatcherTest.item("z".repeat(300), "Long id", "2000")));
    List<RecordMetadata> bad = new ArrayList<>();
    List<String> good = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> p : pills.entrySet()) {
        bad.add(
            producer
                .send(
                    new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(p.getKey()), p.getValue()))
                .get());
        String id = run + "good-" + good.size();
        good.add(id);
        send(producer, topics, id, EmbeddingBatcherTest.item(id, "Good " + good.size(), "2001"));
      }
    }
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      EmbeddingWorker worker = server.getApplicationContext().getBean(EmbeddingWorker.class);
      await().atMost(WAIT).until(() -> good.stream().allMatch(worker.index()::contains));
      await().atMost(WAIT).until(() -> bad.stream().allMatch(b -> letterFor(stack, b) != null));
    }
    // A backfill re-reads the whole catalogue, bad records included.
    props.put("llmemb.worker.backfill", true);
    props.put("llmemb.worker.progress-interval", "300ms");
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      WorkerMetrics metrics = server.getApplicationContext().getBean(WorkerMetrics.class);
      await().atMost(WAIT).until(() -> metrics.backfillProgressValue() >= 1.0);
    }
    for (RecordMetadata b : bad) {
      assertEquals(1, lettersFor(stack, b).size(), "one letter for " + b);
    }
  }

  private static ConsumerRecord<byte[], byte[]> letterFor(KafkaStack stack, RecordMetadata source) {
    List<ConsumerRecord<byte[], byte[]>> all = lettersFor(stack, source);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Dead letters whose source coordinates are {@code source}. */
  private static List<ConsumerRecord<byte[], byte[]>> lettersFor(
      KafkaStack stack, RecordMetadata source) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    TopicReader.readToEnd(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        TopicNames.dlq(TopicNames.CATALOG_ITEMS),
        WAIT,
        r -> {
          if (r.headers().lastHeader(DeadLetters.HEADER_SOURCE_OFFSET) != null
              && header(r, DeadLetters.HEADER_SOURCE_TOPIC).equals(source.topic())
              && header(r, DeadLetters.HEADER_SOURCE_PARTITION)
                  .equals(Integer.toString(source.partition()))
              && header(r, DeadLetters.HEADER_SOURCE_OFFSET)
                  .equals(Long.toString(source.offset()))) {
            out.add(r);
          }
        });
    return out;
  }

  private static long committed(KafkaStack stack, String group, RecordMetadata source)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      OffsetAndMetadata o =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(source.topic(), source.partition()));
      return o == null ? -1 : o.offset();
    }
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, Topics topics, String key, Item item)
      throws Exception {
    byte[] value =
        topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, item);
    producer.send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, bytes(key), value)).get();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
