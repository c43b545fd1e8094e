package io.llmemb.trainer;

import static io.llmemb.trainer.TrainerKafkaTest.bytes;
import static io.llmemb.trainer.TrainerKafkaTest.props;
import static io.llmemb.trainer.TrainerKafkaTest.send;
import static io.llmemb.trainer.TrainerKafkaTest.sendMore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.errors.SchemaMismatchException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import io.llmemb.schemas.errors.WireFormatException;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer on the real broker + registry under bad input: an interaction with an item that has
 * no embedding does not block a text-aware release (the item is left out and counted, and while a
 * fresh catalog's embeddings are missing the trainer waits instead of failing); undecodable
 * interactions reach {@code tracking.interactions.dlq} once each, however many snapshots read them,
 * across a restart, and when serving's Streams handler dead-lettered one first.
 */
@ExtendWith(KafkaStackExtension.class)
class TrainerBadInputKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {TrainerConfig.RAT, TrainerConfig.FUSED})
  void itemWithoutEmbeddingIsLeftOutAndTheModelReleased(
      String variant, KafkaStack stack, @TempDir Path store) throws Exception {
    String run = "e" + UUID.randomUUID().toString().substring(0, 6) + "-";
    String stray = run + "no-such-item-777";
    Topics topics = topics(stack);
    Map<String, Object> props = props(stack, run, store);
    props.put("llmemb.trainer.variant", variant);
    props.put("llmemb.trainer.pca-components", 8);
    props.put("llmemb.trainer.epochs", 3);
    // One interaction is enough to keep an item through the k-core: the stray item reaches the text
    // view.
    props.put("llmemb.trainer.item-core", 1);
    try (ApplicationContext ctx = ApplicationContext.run(props);
        KafkaProducer<byte[], byte[]> producer = producer(stack)) {
      for (SyntheticLog.Event e : SyntheticLog.events(run)) {
        send(producer, topics, e.user(), e.item(), e.millis());
      }
      send(producer, topics, run + "u0", stray, 7);
      producer.flush();
      TrainingJob job = ctx.getBean(TrainingJob.class);
      TrainerMetrics metrics = ctx.getBean(TrainerMetrics.class);

      // No embedding for this run's items yet (a fresh catalog): wait, do not fail.
      TrainingJob.Outcome waiting = job.runOnce();
      assertEquals(TrainingJob.Status.SKIPPED, waiting.status(), waiting.reason());
      assertTrue(waiting.reason().contains("waiting for item embeddings"), waiting.reason());
      assertTrue(
          metrics.itemsWithoutEmbedding() >= SyntheticLog.ITEMS,
          "" + metrics.itemsWithoutEmbedding());
      assertEquals(0.0, metrics.runs(TrainingJob.Status.FAILED));

      publishEmbeddingsExceptStrays(stack, topics, producer);
      TrainingJob.Outcome outcome = job.runOnce();
      assertEquals(TrainingJob.Status.PUBLISHED, outcome.status(), outcome.reason());
      // Other runs' strays may share the topic; this run's is one of them.
      assertTrue(metrics.itemsWithoutEmbedding() >= 1, "" + metrics.itemsWithoutEmbedding());
      assertTrue(metrics.excludedInteractions() >= 1, "" + metrics.excludedInteractions());
      ModelRelease release = ctx.getBean(ReleaseLog.class).current(run + "model").orElseThrow();
      try (ServingModel model =
          ServingModels.load(Path.of(URI.create(release.getUri())), release.getSha256())) {
        assertEquals(variant, model.variant());
        assertFalse(model.itemIds().contains(stray), "the stray item has no row");
        assertTrue(model.itemIds().contains(run + "i0"));
      }
    }
  }

  @Test
  void undecodableInteractionsAreDeadLetteredOnceAcrossSnapshotsAndRestarts(
      KafkaStack stack, @TempDir Path store) throws Exception {
    String run = "d" + UUID.randomUUID().toString().substring(0, 6) + "-";
    Topics topics = topics(stack);
    Map<String, Object> props = props(stack, run, store);
    props.put("llmemb.trainer.epochs", 2);
    Map<String, String> expected = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
      for (SyntheticLog.Event e : SyntheticLog.events(run)) {
        send(producer, topics, e.user(), e.item(), e.millis());
      }
      // Each between good records, as in a live log.
      poison(
          producer,
          topics,
          run,
          "random-bytes",
          bytes("not avro at all"),
          WireFormatException.class,
          expected);
      poison(
          producer,
          topics,
          run,
          "wrong-magic",
          new byte[] {1, 0, 0, 0, 1, 2, 'x'},
          WireFormatException.class,
          expected);
      poison(
          producer,
          topics,
          run,
          "unknown-schema-id",
          new byte[] {0, 0x7f, 0x7f, 0x7f, 0x70, 2, 'x'},
          UnknownSchemaIdException.class,
          expected);
      Item item =
          Item.newBuilder()
              .setItemId("x")
              .setTitle("not an interaction")
              .setUpdatedAt(Instant.EPOCH)
              .build();
      poison(
          producer,
          topics,
          run,
          "other-schema",
          topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, item),
          SchemaMismatchException.class,
          expected);
      poison(producer, topics, run, "tombstone", null, IllegalArgumentException.class, expected);
      producer.flush();
      // Serving's Streams handler met one of them first.
      servingDeadLetters(stack, run + "random-bytes");

      try (ApplicationContext ctx = ApplicationContext.run(props)) {
        TrainingJob job = ctx.getBean(TrainingJob.class);
        assertNotEquals(TrainingJob.Status.FAILED, job.runOnce().status());
        assertLettersOnce(stack, run, expected);
        assertEquals(expected.size() - 1, ctx.getBean(TrainerMetrics.class).deadLettered(), 0.0);

        sendMore(producer, topics, run, 9_000_000_000L);
        producer.flush();
        assertNotEquals(TrainingJob.Status.FAILED, job.runOnce().status());
        assertLettersOnce(stack, run, expected);
        assertEquals(
            expected.size() - 1,
            ctx.getBean(TrainerMetrics.class).deadLettered(),
            0.0,
            "second snapshot");
      }

      // A restart forgets everything in memory: the ledger on the DLQ is what remembers.
      try (ApplicationContext ctx = ApplicationContext.run(props)) {
        sendMore(producer, topics, run, 9_500_000_000L);
        producer.flush();
        TrainingJob.Outcome outcome = ctx.getBean(TrainingJob.class).runOnce();
        assertNotEquals(TrainingJob.Status.FAILED, outcome.status(), outcome.reason());
        TrainerMetrics metrics = ctx.getBean(TrainerMetrics.class);
        assertTrue(
            metrics.undecodable() >= expected.size(),
            "the restarted trainer read a snapshot: " + outcome);
        assertEquals(0.0, metrics.deadLettered(), "after the restart");
        assertLettersOnce(stack, run, expected);
      }
    }
  }

  /** What serving's deserialization handler does with the interaction keyed {@code key}. */
  private static void servingDeadLetters(KafkaStack stack, String key) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    TopicReader.readToEnd(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        TopicNames.INTERACTIONS,
        WAIT,
        r -> {
          if (r.key() != null && text(r.key()).equals(key)) {
            found.add(r);
          }
        });
    ConsumerRecord<byte[], byte[]> r = found.get(0);
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(
        Map.of(
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            StreamsConfig.APPLICATION_ID_CONFIG,
            "serving-" + key));
    DefaultErrorHandlerContext context =
        new DefaultErrorHandlerContext(
            null,
            r.topic(),
            r.partition(),
            r.offset(),
            r.headers(),
            "interactions",
            null,
            r.timestamp(),
            r.key(),
            r.value());
    assertEquals(
        DeserializationHandlerResponse.CONTINUE,
        handler.handle(context, r, new WireFormatException("unknown magic byte", null)));
    assertEquals(1, handler.deadLettered());
  }

  /**
   * One bad record keyed {@code run + kind}, followed by a good one; {@code value} null is a
   * tombstone.
   */
  private static void poison(
      KafkaProducer<byte[], byte[]> producer,
      Topics topics,
      String run,
      String kind,
      byte[] value,
      Class<? extends Exception> error,
      Map<String, String> expected)
      throws Exception {
    producer.send(new ProducerRecord<>(TopicNames.INTERACTIONS, bytes(run + kind), value)).get();
    send(producer, topics, run + "u1", run + "i1", 5_000_000_000L + expected.size());
    expected.put(run + kind, error.getName());
  }

  /**
   * Exactly one letter per bad record of this run, with the headers {@link DeadLetters} writes, and
   * no source record anywhere on the DLQ twice (other tests' bad records included).
   */
  private static void assertLettersOnce(
      KafkaStack stack, String run, Map<String, String> expected) {
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    Map<String, Object> config =
        new HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
    TopicReader.readToEnd(config, TopicNames.dlq(TopicNames.INTERACTIONS), WAIT, letters::add);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> ours =
        letters.stream()
            .filter(l -> l.key() != null && text(l.key()).startsWith(run))
            .collect(Collectors.groupingBy(l -> text(l.key())));
    assertEquals(expected.keySet(), ours.keySet());
    for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> e : ours.entrySet()) {
      assertEquals(1, e.getValue().size(), "letters of " + e.getKey());
      ConsumerRecord<byte[], byte[]> letter = e.getValue().get(0);
      assertEquals(TopicNames.INTERACTIONS, header(letter, DeadLetters.HEADER_SOURCE_TOPIC));
      assertEquals(
          expected.get(e.getKey()), header(letter, DeadLetters.HEADER_ERROR_CLASS), e.getKey());
      assertTrue(header(letter, DeadLetters.HEADER_ERROR_MESSAGE) != null);
      Long.parseLong(header(letter, DeadLetters.HEADER_SOURCE_OFFSET));
      Integer.parseInt(header(letter, DeadLetters.HEADER_SOURCE_PARTITION));
    }
    List<String> sources =
        letters.stream()
            .map(
                l ->
                    header(l, DeadLetters.HEADER_SOURCE_TOPIC)
                        + "-"
                        + header(l, DeadLetters.HEADER_SOURCE_PARTITION)
                        + "@"
                        + header(l, DeadLetters.HEADER_SOURCE_OFFSET))
            .toList();
    assertEquals(
        sources.size(),
        Set.copyOf(sources).size(),
        "a source record dead-lettered twice: " + sources);
  }

  /**
   * What the embedding worker would publish for every item of the log but this class's stray ones
   * (other tests' items included, since the topics are shared within this JVM), with the model,
   * prompt and width the other text-aware tests use, so the embeddings never mix.
   */
  private static void publishEmbeddingsExceptStrays(
      KafkaStack stack, Topics topics, KafkaProducer<byte[], byte[]> producer) {
    TrainerKafkaTest.publishEmbeddings(
        stack, topics, producer, item -> !item.contains("no-such-item"));
  }

  private static Topics topics(KafkaStack stack) {
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaStack stack) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return r.headers().lastHeader(name) == null ? null : text(r.headers().lastHeader(name).value());
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
