package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.serde.AvroSerdeConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer app on the real broker + registry: interactions in, a release out whose bundle loads
 * and verifies; no new data means no training; a candidate worse than the current release is
 * refused by the eval gate.
 */
@ExtendWith(KafkaStackExtension.class)
class TrainerKafkaTest {

  @Test
  void interactionsInReleaseOut(KafkaStack stack, @TempDir Path store) throws Exception {
    String run = "t" + UUID.randomUUID().toString().substring(0, 6) + "-";
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    Map<String, Object> props = props(stack, run, store);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      ApplicationContext ctx = server.getApplicationContext();
      TrainingJob job = ctx.getBean(TrainingJob.class);
      ReleaseLog releases = ctx.getBean(ReleaseLog.class);
      for (SyntheticLog.Event e : SyntheticLog.events(run)) {
        send(producer, topics, e.user(), e.item(), e.millis());
      }
      producer
          .send(
              new ProducerRecord<>(TopicNames.INTERACTIONS, bytes(run + "bad"), bytes("not avro")))
          .get();

      TrainingJob.Outcome first = job.runOnce();
      assertEquals(TrainingJob.Status.PUBLISHED, first.status(), first.reason());
      ModelRelease published = releases.current(run + "model").orElseThrow();
      assertEquals(first.release().orElseThrow().getVersion(), published.getVersion());
      assertEquals("sasrec", published.getBackbone());
      // Random ranking would give HR@10 = 10/101; the consecutive-id pattern is easy to learn.
      assertTrue(published.getMetrics().get("hr@10") > 0.3, published.getMetrics().toString());
      assertTrue(published.getDatasetSnapshot().startsWith(TopicNames.INTERACTIONS + "@"));
      Path dir = Path.of(URI.create(published.getUri()));
      assertTrue(Files.isDirectory(dir));
      try (ServingModel model = ServingModels.load(dir, published.getSha256())) {
        assertEquals(published.getVersion(), model.version());
        assertEquals(published.getNumItems(), model.numItems());
        assertEquals(16, model.encodeUser(new int[] {1, 2, 3}).length);
      }

      // Nothing new: no training.
      assertEquals(TrainingJob.Status.SKIPPED, job.runOnce().status());

      // A current release whose bundle is gone and whose recorded metric nothing can beat: the gate
      // falls back to
      // the recorded metric and refuses; nothing is released.
      ModelRelease unbeatable =
          ModelRelease.newBuilder(published)
              .setVersion("unbeatable")
              .setUri(store.resolve("gone").toUri().toString())
              .setMetrics(Map.of("ndcg@10", 1.0))
              .build();
      releases.publish(unbeatable);
      sendMore(producer, topics, run, 9_000_000_000L);
      TrainingJob.Outcome refused = job.runOnce();
      assertEquals(TrainingJob.Status.REFUSED, refused.status(), refused.reason());
      assertTrue(refused.reason().contains("recorded metric"), refused.reason());
      assertEquals(
          Optional.of("unbeatable"), releases.current(run + "model").map(ModelRelease::getVersion));
      assertEquals(1.0, ctx.getBean(TrainerMetrics.class).runs(TrainingJob.Status.REFUSED));

      // With a loadable current release, the gate re-evaluates it on the candidate's own held-out
      // targets.
      releases.publish(published);
      sendMore(producer, topics, run, 9_500_000_000L);
      TrainingJob.Outcome compared = job.runOnce();
      assertTrue(compared.reason().contains("re-evaluated on this snapshot"), compared.reason());
      String prometheus = get(server.getURI().resolve("/prometheus"));
      // The re-evaluated comparison may go either way (the candidate is retrained from scratch);
      // count it.
      String refusedRuns = compared.status() == TrainingJob.Status.REFUSED ? "2.0" : "1.0";
      assertTrue(
          prometheus.contains("llmemb_trainer_runs_total{outcome=\"refused\"} " + refusedRuns),
          prometheus);
      assertTrue(get(server.getURI().resolve("/health")).contains("UP"));
    }
  }

  static void send(
      KafkaProducer<byte[], byte[]> producer, Topics topics, String user, String item, long millis)
      throws Exception {
    Interaction i =
        Interaction.newBuilder()
            .setUserId(user)
            .setItemId(item)
            .setType(InteractionType.VIEW)
            .setTimestamp(Instant.ofEpochMilli(millis))
            .build();
    byte[] value =
        topics.interactions().valueSerde().serializer().serialize(TopicNames.INTERACTIONS, i);
    producer.send(new ProducerRecord<>(TopicNames.INTERACTIONS, bytes(user), value));
  }

  @ParameterizedTest
  @ValueSource(strings = {TrainerConfig.RAT, TrainerConfig.FUSED})
  void textAwareReleaseFromPublishedEmbeddings(
      String variant, KafkaStack stack, @TempDir Path store) throws Exception {
    String run = "r" + UUID.randomUUID().toString().substring(0, 6) + "-";
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    Map<String, Object> props = props(stack, run, store);
    props.put("llmemb.trainer.variant", variant);
    props.put("llmemb.trainer.pca-components", 8);
    props.put("llmemb.trainer.epochs", 5);
    try (ApplicationContext ctx = ApplicationContext.run(props);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      for (SyntheticLog.Event e : SyntheticLog.events(run)) {
        send(producer, topics, e.user(), e.item(), e.millis());
      }
      producer.flush();
      publishEmbeddings(stack, topics, producer, item -> true);

      TrainingJob.Outcome outcome = ctx.getBean(TrainingJob.class).runOnce();
      assertEquals(TrainingJob.Status.PUBLISHED, outcome.status(), outcome.reason());
      ModelRelease release = ctx.getBean(ReleaseLog.class).current(run + "model").orElseThrow();
      assertEquals("enc@test", release.getLlmVersion());
      assertEquals("p@test", release.getPromptVersion());
      assertEquals(24, release.getEmbeddingDim());
      try (ServingModel model =
          ServingModels.load(Path.of(URI.create(release.getUri())), release.getSha256())) {
        assertEquals(variant, model.variant());
        assertEquals(Optional.of("enc@test"), model.llmVersion());
        assertEquals(16, model.adaptNewItem(new float[24]).orElseThrow().length);
      }
    }
  }

  /** Tiny, fast model settings; the scheduler is off (the test drives the checks). */
  static Map<String, Object> props(KafkaStack stack, String run, Path store) {
    Map<String, Object> props = new HashMap<>();
    props.put("kafka.bootstrap.servers", stack.bootstrapServers());
    props.put("llmemb.schema-registry.url", stack.schemaRegistryUrl());
    props.put("micronaut.server.port", -1);
    props.put("llmemb.trainer.enabled", false);
    props.put("llmemb.trainer.model-name", run + "model");
    props.put("llmemb.trainer.model-store", store.toString());
    props.put("llmemb.trainer.min-new-interactions", 10);
    props.put("llmemb.trainer.user-core", 3);
    props.put("llmemb.trainer.item-core", 3);
    props.put("llmemb.trainer.hidden", 16);
    props.put("llmemb.trainer.blocks", 1);
    props.put("llmemb.trainer.max-len", 20);
    props.put("llmemb.trainer.epochs", 40);
    props.put("llmemb.trainer.learning-rate", 0.01);
    props.put("llmemb.trainer.patience", 5);
    props.put("llmemb.trainer.min-epochs", 0);
    props.put("llmemb.trainer.batch-size", 64);
    return props;
  }

  /** One more interaction for 20 users: enough to make the next check due. */
  static void sendMore(
      KafkaProducer<byte[], byte[]> producer, Topics topics, String run, long millis)
      throws Exception {
    for (int k = 0; k < 20; k++) {
      send(producer, topics, run + "u" + k, run + "i" + k, millis + k);
    }
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), uri + ": " + r.body());
    return r.body();
  }

  /**
   * What the embedding worker would publish: one vector per item of the log that {@code include}
   * accepts (other tests' items included, since the topics are shared within this JVM), with the
   * model, prompt and width every text-aware test uses, so the embeddings never mix.
   */
  static void publishEmbeddings(
      KafkaStack stack,
      Topics topics,
      KafkaProducer<byte[], byte[]> producer,
      Predicate<String> include) {
    Set<String> items = new TreeSet<>();
    TopicReader.readToEnd(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        TopicNames.INTERACTIONS,
        Duration.ofSeconds(30),
        r -> {
          try {
            items.add(
                topics
                    .interactions()
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value())
                    .getItemId());
          } catch (RuntimeException ignored) {
            // another test's bad record
          }
        });
    Random rng = new Random(5);
    for (String item : items) {
      if (!include.test(item)) {
        continue;
      }
      List<Float> v = new ArrayList<>();
      for (int j = 0; j < 24; j++) {
        v.add((float) rng.nextGaussian());
      }
      ItemEmbedding e =
          ItemEmbedding.newBuilder()
              .setItemId(item)
              .setVector(v)
              .setPromptHash("h")
              .setLlmVersion("enc@test")
              .setPromptVersion("p@test")
              .setCreatedAt(Instant.EPOCH)
              .build();
      producer.send(
          new ProducerRecord<>(
              TopicNames.ITEM_EMBEDDINGS,
              bytes(item),
              topics
                  .itemEmbeddings()
                  .valueSerde()
                  .serializer()
                  .serialize(TopicNames.ITEM_EMBEDDINGS, e)));
    }
    producer.flush();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
