package io.llmemb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerializer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad record serving can be sent, on each of its input topics, each between good
 * records, on the real broker + registry: every bad one reaches its {@code <topic>.dlq} exactly
 * once, also after a restart that replays the global stores, and every good one still has its
 * effect (a recommendation, an indexed item).
 */
@ExtendWith(KafkaStackExtension.class)
class PoisonPillMatrixTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void everyBadRecordIsDeadLetteredOnceAndEveryGoodOneTakesEffect(KafkaStack stack)
      throws Exception {
    TopicCreator.createAll(
        stack.bootstrapServers(), TopicCreator.DEFAULT_PARTITIONS, Duration.ofSeconds(30));
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String model = "matrix-" + run;
    List<String> items = IntStream.rangeClosed(1, 12).mapToObj(i -> "pm-" + run + "-" + i).toList();
    int port = FreePorts.pick(1)[0];
    Map<String, Object> props = ServingAppTest.appProperties(stack, run, model, port);
    props.put("llmemb.serving.state-dir", tmp.resolve("state").toString());
    Pills pills = new Pills(stack.schemaRegistryUrl(), run);
    Random random = new Random(5);
    // Source coordinates of each bad record, by kind.
    Map<String, RecordMetadata> bad = new TreeMap<>();
    List<String> goodUsers = new ArrayList<>();
    List<String> goodItems = new ArrayList<>();

    try (StackClient kafka = new StackClient(stack.bootstrapServers(), topics);
        KafkaProducer<byte[], byte[]> raw =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      kafka.release(
          TestBundles.release(
              model, "v1-" + run, TestBundles.writeBundle(tmp.resolve("store/v1"), items, 1)));
      try (ApplicationContext app = ApplicationContext.run(props)) {
        app.getBean(EmbeddedServer.class).start();
        String i = TopicNames.INTERACTIONS;
        Map<String, ProducerRecord<byte[], byte[]>> interactionPills = new LinkedHashMap<>();
        interactionPills.put("random-bytes", rec(i, "u-rb-" + run, pills.randomBytes(random)));
        interactionPills.put("wrong-magic", rec(i, "u-wm-" + run, pills.wrongMagic()));
        interactionPills.put("unknown-schema-id", rec(i, "u-us-" + run, pills.unknownSchemaId()));
        interactionPills.put("other-schema", rec(i, "u-os-" + run, pills.otherSchema()));
        interactionPills.put(
            "missing-field", rec(i, "u-mf-" + run, pills.interactionWithoutItemId("u-mf-" + run)));
        interactionPills.put(
            "oversize-id",
            rec(i, "u-ov-" + run, pills.interaction(topics, "u-ov-" + run, "x".repeat(300_000))));
        interactionPills.put(
            "key-not-user",
            rec(i, "u-kn-" + run, pills.interaction(topics, "someone-else", items.get(0))));
        interactionPills.put(
            "null-key", rec(i, null, pills.interaction(topics, "u-nk-" + run, items.get(0))));
        interactionPills.put("tombstone", rec(i, "u-ts-" + run, null));
        for (Map.Entry<String, ProducerRecord<byte[], byte[]>> p : interactionPills.entrySet()) {
          bad.put("interactions/" + p.getKey(), raw.send(p.getValue()).get());
          String user = "good-" + run + "-" + goodUsers.size();
          goodUsers.add(user);
          kafka.interact(user, items.get(goodUsers.size() % items.size()), true);
        }

        String e = TopicNames.ITEM_EMBEDDINGS;
        Map<String, ProducerRecord<byte[], byte[]>> embeddingPills = new LinkedHashMap<>();
        embeddingPills.put("random-bytes", rec(e, "e-rb-" + run, pills.randomBytes(random)));
        embeddingPills.put("wrong-magic", rec(e, "e-wm-" + run, pills.wrongMagic()));
        embeddingPills.put("unknown-schema-id", rec(e, "e-us-" + run, pills.unknownSchemaId()));
        embeddingPills.put("other-schema", rec(e, "e-os-" + run, pills.otherSchema()));
        embeddingPills.put(
            "key-not-id",
            rec(
                e,
                "e-kn-" + run,
                pills.embedding(topics, "e-other-" + run, vector(random, TestBundles.LLM_DIM))));
        List<Float> nan = vector(random, TestBundles.LLM_DIM);
        nan.set(0, Float.NaN);
        embeddingPills.put(
            "nan", rec(e, "e-nan-" + run, pills.embedding(topics, "e-nan-" + run, nan)));
        embeddingPills.put(
            "wrong-width",
            rec(e, "e-ww-" + run, pills.embedding(topics, "e-ww-" + run, vector(random, 3))));
        embeddingPills.put(
            "oversize-id",
            rec(
                e,
                "y".repeat(300),
                pills.embedding(topics, "y".repeat(300), vector(random, TestBundles.LLM_DIM))));
        // A null key cannot reach a compacted topic: the broker refuses it.
        for (Map.Entry<String, ProducerRecord<byte[], byte[]>> p : embeddingPills.entrySet()) {
          bad.put("embeddings/" + p.getKey(), raw.send(p.getValue()).get());
          String item = "good-item-" + run + "-" + goodItems.size();
          goodItems.add(item);
          kafka.embed(item, vector(random, TestBundles.LLM_DIM), TestBundles.LLM_VERSION);
        }
        bad.put(
            "releases/random-bytes",
            raw.send(rec(TopicNames.MODEL_RELEASES, model, pills.randomBytes(random))).get());

        Set<String> served =
            kafka.readUntil(r -> false, Duration.ofSeconds(1)).stream()
                .map(Recommendations::getUserId)
                .collect(Collectors.toSet());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!served.containsAll(goodUsers) && System.nanoTime() < deadline) {
          kafka
              .readUntil(r -> false, Duration.ofMillis(500))
              .forEach(r -> served.add(r.getUserId()));
        }
        assertTrue(
            served.containsAll(goodUsers),
            "every good interaction answered: " + goodUsers + " vs " + served);
        for (String item : goodItems) {
          awaitStatus(port, "/items/" + item + "/similar?k=1", 200);
        }
        assertLettersOnce(kafka, bad);
      }

      // A crash loses the global checkpoint: the restart replays every global topic through its
      // processor.
      try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
        files
            .filter(f -> f.getFileName().toString().equals(".checkpoint"))
            .forEach(f -> f.toFile().delete());
      }
      try (ApplicationContext app = ApplicationContext.run(props)) {
        app.getBean(EmbeddedServer.class).start();
        awaitStatus(port, "/items/" + goodItems.get(0) + "/similar?k=1", 200);
        Thread.sleep(2_000);
        assertLettersOnce(kafka, bad);
      }
    }
  }

  /**
   * Each bad record has exactly one letter, with a reason; nothing else of this run was
   * dead-lettered.
   */
  private static void assertLettersOnce(StackClient kafka, Map<String, RecordMetadata> bad)
      throws Exception {
    Map<String, List<ConsumerRecord<String, byte[]>>> letters = new HashMap<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      letters.clear();
      for (String topic :
          List.of(TopicNames.INTERACTIONS, TopicNames.ITEM_EMBEDDINGS, TopicNames.MODEL_RELEASES)) {
        for (ConsumerRecord<String, byte[]> r : kafka.readAll(TopicNames.dlq(topic))) {
          String source =
              header(r, DeadLetters.HEADER_SOURCE_TOPIC)
                  + "-"
                  + header(r, DeadLetters.HEADER_SOURCE_PARTITION)
                  + "@"
                  + header(r, DeadLetters.HEADER_SOURCE_OFFSET);
          letters.computeIfAbsent(source, k -> new ArrayList<>()).add(r);
        }
      }
      if (bad.values().stream()
          .allMatch(m -> letters.containsKey(m.topic() + "-" + m.partition() + "@" + m.offset()))) {
        break;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    for (Map.Entry<String, RecordMetadata> b : bad.entrySet()) {
      RecordMetadata m = b.getValue();
      List<ConsumerRecord<String, byte[]>> found =
          letters.getOrDefault(m.topic() + "-" + m.partition() + "@" + m.offset(), List.of());
      assertEquals(1, found.size(), b.getKey() + ": letters for its source record");
      assertTrue(
          !header(found.get(0), DeadLetters.HEADER_ERROR_MESSAGE).isBlank(),
          b.getKey() + " has a reason");
    }
  }

  private static ProducerRecord<byte[], byte[]> rec(String topic, String key, byte[] value) {
    return new ProducerRecord<>(
        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static List<Float> vector(Random random, int dim) {
    return TestBundles.randomVector(random, dim);
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void awaitStatus(int port, String path, int status) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " answered " + last + ", expected " + status);
  }

  /** The bad values, built as a producer with bugs would build them. */
  private static final class Pills {
    private final String registryUrl;
    private final String run;

    Pills(String registryUrl, String run) {
      this.registryUrl = registryUrl;
      this.run = run;
    }

    byte[] randomBytes(Random random) {
      byte[] b = new byte[64];
      random.nextBytes(b);
      b[0] = 0x42;
      return b;
    }

    byte[] wrongMagic() {
      return new byte[] {1, 0, 0, 0, 1, 2, 'x'};
    }

    byte[] unknownSchemaId() {
      return new byte[] {0, 0x7f, 0x7f, 0x7f, 0x70, 2, 'x'};
    }

    /** Valid Avro, registered, of a record that is not the topic's. */
    byte[] otherSchema() {
      Schema other =
          SchemaBuilder.record("Unrelated")
              .namespace("test.pills")
              .fields()
              .requiredInt("n")
              .endRecord();
      GenericRecord r = new GenericData.Record(other);
      r.put("n", 7);
      return serialize("pills-other-" + run, r);
    }

    /**
     * An Interaction-named record without the required itemId (registered under another subject).
     */
    byte[] interactionWithoutItemId(String user) {
      Schema s =
          SchemaBuilder.record("Interaction")
              .namespace("io.llmemb.schemas.avro")
              .fields()
              .requiredString("userId")
              .requiredLong("timestamp")
              .endRecord();
      GenericRecord r = new GenericData.Record(s);
      r.put("userId", user);
      r.put("timestamp", 1_700_000_000_000L);
      return serialize("pills-missing-" + run, r);
    }

    byte[] interaction(Topics topics, String user, String item) {
      return topics
          .interactions()
          .valueSerde()
          .serializer()
          .serialize(
              TopicNames.INTERACTIONS,
              new Interaction(user, item, InteractionType.VIEW, null, Instant.now()));
    }

    byte[] embedding(Topics topics, String itemId, List<Float> vector) {
      return topics
          .itemEmbeddings()
          .valueSerde()
          .serializer()
          .serialize(
              TopicNames.ITEM_EMBEDDINGS,
              new ItemEmbedding(
                  itemId, vector, "h-" + itemId, TestBundles.LLM_VERSION, "p1", Instant.now()));
    }

    private byte[] serialize(String topic, GenericRecord r) {
      AvroSerializer<GenericRecord> s = new AvroSerializer<>();
      s.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
      return s.serialize(topic, r);
    }
  }
}
