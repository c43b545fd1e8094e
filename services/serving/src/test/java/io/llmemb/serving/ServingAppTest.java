package io.llmemb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.devstack.junit.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.engine.EngineConfig;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving app on the real broker + registry: a real (randomly initialised) SASRec bundle is released, the app
 * starts, an interaction goes in and a read_committed consumer gets its recommendations; REST, health and
 * Prometheus answer.
 */
@ExtendWith(KafkaStackExtension.class)
class ServingAppTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int ITEMS = 20;

  @TempDir
  Path tmp;

  @Test
  void recommendsForAnInteractionOnTheRealStack(KafkaStack stack) throws Exception {
    TopicCreator.createAll(stack.bootstrapServers(), TopicCreator.DEFAULT_PARTITIONS, Duration.ofSeconds(30));
    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> itemIds = IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "it-" + run + "-" + i).toList();
    WrittenBundle bundle = writeBundle(tmp.resolve("store").resolve("v-" + run), itemIds);
    String version = "v-" + run;
    String model = "serving-it-" + run;
    produce(stack, topics.modelReleases().name(), topics.modelReleases().valueSerde().serializer(), model,
        ModelRelease.newBuilder().setModelName(model).setVersion(version).setUri("v-" + run)
            .setSha256(bundle.manifestSha256()).setBackbone("sasrec").setCreatedAt(Instant.now()).build());

    int port = FreePorts.pick(1)[0];
    Map<String, Object> props = new HashMap<>();
    props.put("kafka.bootstrap.servers", stack.bootstrapServers());
    props.put("llmemb.schema-registry.url", stack.schemaRegistryUrl());
    props.put("llmemb.serving.application-id", "serving-it-" + run);
    props.put("llmemb.serving.model-store", tmp.resolve("store").toString());
    props.put("llmemb.serving.model-name", model);
    props.put("llmemb.serving.state-dir", tmp.resolve("state").toString());
    props.put("llmemb.serving.top-k", 5);
    props.put("micronaut.server.port", port);
    try (ApplicationContext app = ApplicationContext.run(props);
         EmbeddedServer server = app.getBean(EmbeddedServer.class).start()) {
      String user = "user-" + run;
      produce(stack, topics.interactions().name(), topics.interactions().valueSerde().serializer(), user,
          new Interaction(user, itemIds.get(0), InteractionType.VIEW, null, Instant.now()));
      produce(stack, topics.interactions().name(), topics.interactions().valueSerde().serializer(), user,
          new Interaction(user, itemIds.get(1), InteractionType.VIEW, null, Instant.now()));
      produce(stack, topics.itemEmbeddings().name(), topics.itemEmbeddings().valueSerde().serializer(),
          "new-" + run, new ItemEmbedding("new-" + run, List.of(0.5f, 0.25f), "h", "enc@1", "p1", Instant.now()));

      Recommendations recs = awaitRecs(stack, topics, user, 2);
      assertEquals(version, recs.getModelVersion());
      assertEquals(5, recs.getItems().size());
      List<String> recommended = recs.getItems().stream().map(ScoredItem::getItemId).toList();
      assertFalse(recommended.contains(itemIds.get(0)) || recommended.contains(itemIds.get(1)), recommended.toString());
      assertTrue(itemIds.containsAll(recommended), "an ID-only model recommends bundle items only: " + recommended);

      String base = "http://localhost:" + port;
      HttpResponse<String> rest = get(base + "/users/" + user + "/recommendations");
      assertEquals(200, rest.statusCode(), rest.body());
      assertTrue(rest.body().contains("\"modelVersion\":\"" + version + "\""), rest.body());
      assertEquals(404, get(base + "/users/nobody-" + run + "/recommendations").statusCode());
      HttpResponse<String> similar = get(base + "/items/" + itemIds.get(3) + "/similar?k=3");
      assertEquals(200, similar.statusCode(), similar.body());
      HttpResponse<String> health = get(base + "/health");
      assertTrue(health.body().contains("servingStreams") && health.body().contains("RUNNING"), health.body());
      String metrics = get(base + "/prometheus").body();
      assertTrue(metrics.contains("llmemb_serving_events_total"), "events counter exported");
      assertTrue(metrics.contains("llmemb_serving_model{version=\"" + version + "\"}"), "model version gauge");
      assertTrue(metrics.contains("llmemb_serving_recommendation_latency_seconds"), "latency timer exported");
    }
  }

  private static WrittenBundle writeBundle(Path dir, List<String> itemIds) throws Exception {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 7).apply())) {
      SequentialRecommender model = Backbones.create("sasrec", new BackboneConfig(8, 1, 1, 0.1f, 6, 0.6f),
          itemIds.size(), m, IdEmbeddings.factory());
      return ModelBundles.write(dir, model, itemIds, new ReleaseInfo(dir.getFileName().toString(),
          ReleaseInfo.provenance("serving-it", "b".repeat(64), Map.of("hidden", "8"), ReleaseInfo.NO_TEXT,
              ReleaseInfo.NO_TEXT), Map.of()));
    }
  }

  private static <V> void produce(KafkaStack stack, String topic, Serializer<V> serializer, String key, V value)
      throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), serializer)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /** The first recommendations for {@code user} produced after its {@code n}-th interaction, read_committed. */
  private static Recommendations awaitRecs(KafkaStack stack, Topics topics, String user, int n) {
    try (KafkaConsumer<String, Recommendations> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), topics.recommendations().valueSerde().deserializer())) {
      consumer.assign(consumer.partitionsFor(topics.recommendations().name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
      consumer.seekToBeginning(consumer.assignment());
      int seen = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Recommendations> r : consumer.poll(Duration.ofMillis(500))) {
          if (user.equals(r.key()) && ++seen == n) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("no recommendations for " + user + " within " + WAIT);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
