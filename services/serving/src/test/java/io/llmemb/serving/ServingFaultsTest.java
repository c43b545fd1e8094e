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
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults found by probing serving on the real broker + registry, each reproduced here: oversized
 * interactions that used to kill the stream thread in a loop (no output for anyone), a restart
 * after a refused release that came up with no model, readiness that said UP with no model while
 * interactions arrived, and item embeddings that were indexed although invalid, or dead-lettered
 * again on every restart.
 */
@ExtendWith(KafkaStackExtension.class)
class ServingFaultsTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int ITEMS = 12;

  @TempDir Path tmp;

  private String run;
  private String model;
  private List<String> itemIds;
  private int port;

  @BeforeEach
  void names() {
    run = UUID.randomUUID().toString().substring(0, 8);
    model = "faults-" + run;
    itemIds = IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "ft-" + run + "-" + i).toList();
    port = FreePorts.pick(1)[0];
  }

  @Test
  void oversizedInteractionsAreDeadLetteredAndEveryOtherUserIsServed(KafkaStack stack)
      throws Exception {
    Topics topics = topics(stack);
    try (StackClient kafka = new StackClient(stack.bootstrapServers(), topics)) {
      kafka.release(release("v1", 1));
      try (ApplicationContext app = start(stack)) {
        String big = "big-" + run;
        // Two ids of 600,000 characters each grew the stored sequence past the changelog's message
        // limit.
        kafka.interact(big, "x".repeat(600_000), true);
        kafka.interact(big, "y".repeat(600_000), true);
        Set<String> users =
            IntStream.range(0, 5).mapToObj(i -> "ok-" + run + "-" + i).collect(Collectors.toSet());
        for (String u : users) {
          kafka.interact(u, itemIds.get(0), true);
        }
        List<Recommendations> out =
            kafka.readUntil(
                new java.util.function.Predicate<>() {
                  final Set<String> seen = new java.util.HashSet<>();

                  @Override
                  public boolean test(Recommendations r) {
                    if (users.contains(r.getUserId())) {
                      seen.add(r.getUserId());
                    }
                    return seen.containsAll(users);
                  }
                },
                WAIT);
        assertEquals(
            users,
            out.stream()
                .map(Recommendations::getUserId)
                .filter(users::contains)
                .collect(Collectors.toSet()),
            "every valid user is served");
        // The good users' partitions may commit before the oversized user's second dead letter.
        List<ConsumerRecord<String, byte[]>> dead =
            awaitDeadLetters(kafka, TopicNames.INTERACTIONS, big, 2);
        assertEquals(2, dead.size(), "both oversized interactions dead-lettered once");
        assertTrue(
            header(dead.get(0), DeadLetters.HEADER_ERROR_MESSAGE).contains("at most 256"),
            header(dead.get(0), DeadLetters.HEADER_ERROR_MESSAGE));
        HttpResponse<String> ready = get("/health/readiness");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"threadReplacements\":0"), ready.body());
      }
    }
  }

  @Test
  void restartAfterARefusedReleaseServesTheLastGoodOneAndReadinessTellsTheTruth(KafkaStack stack)
      throws Exception {
    Topics topics = topics(stack);
    String user = "u-" + run;
    try (StackClient kafka = new StackClient(stack.bootstrapServers(), topics)) {
      try (ApplicationContext app = start(stack)) {
        // No release yet: interactions arrive, nothing can be scored, and readiness must say so.
        kafka.interact(user, itemIds.get(0), true);
        awaitBody("/health/readiness", 503, "no model loaded while interactions arrive");
        kafka.release(release("v1", 1));
        awaitRecommendationFrom(kafka, user, "v1-" + run);
        assertEquals(200, get("/health/readiness").statusCode());
        // A release whose bundle does not match its checksum is refused; v1 keeps serving.
        ModelRelease bad =
            ModelRelease.newBuilder(release("v2", 2)).setSha256("0".repeat(64)).build();
        kafka.release(bad);
        awaitBody("/prometheus", 200, "llmemb_serving_bundles_refused_total{reason=\"load\"}");
      }
      // The restart finds the refused release as the latest record of the compacted topic.
      try (ApplicationContext app = start(stack)) {
        awaitRecommendationFrom(kafka, user, "v1-" + run);
        assertTrue(get("/health").body().contains("\"modelVersion\":\"v1-" + run + "\""));
      }
    }
  }

  @Test
  void invalidEmbeddingsAreDeadLetteredOnceAndNeverIndexed(KafkaStack stack) throws Exception {
    Topics topics = topics(stack);
    Random random = new Random(3);
    String prefix = "emb-" + run + "-";
    try (StackClient kafka = new StackClient(stack.bootstrapServers(), topics)) {
      kafka.release(release("v1", 1));
      try (ApplicationContext app = start(stack)) {
        awaitBody("/health", 200, "\"modelVersion\":\"v1-" + run + "\"");
        List<Float> nan = TestBundles.randomVector(random, TestBundles.LLM_DIM);
        nan.set(3, Float.NaN);
        kafka.embedKeyed(
            prefix + "key",
            embedding(prefix + "other-id", TestBundles.randomVector(random, TestBundles.LLM_DIM)));
        kafka.embedKeyed(prefix + "nan", embedding(prefix + "nan", nan));
        kafka.embedKeyed(
            prefix + "wide",
            embedding(prefix + "wide", TestBundles.randomVector(random, TestBundles.LLM_DIM - 4)));
        kafka.embedKeyed(
            prefix + "good",
            embedding(prefix + "good", TestBundles.randomVector(random, TestBundles.LLM_DIM)));
        awaitBody("/items/" + prefix + "good/similar?k=3", 200, prefix + "good");
        assertEquals(3, awaitDeadLetters(kafka, TopicNames.ITEM_EMBEDDINGS, prefix, 3).size());
        assertEquals(
            404,
            get("/items/" + prefix + "nan/similar?k=3").statusCode(),
            "NaN vector not indexed");
        assertEquals(
            404,
            get("/items/" + prefix + "wide/similar?k=3").statusCode(),
            "wrong width not indexed");
        assertEquals(
            400, get("/items/" + "z".repeat(300) + "/similar").statusCode(), "id bound on REST");
        assertEquals(
            400,
            get("/users/" + "z".repeat(300) + "/recommendations").statusCode(),
            "id bound on REST");
        for (String k : List.of("0", "1001", "abc", "-3")) {
          HttpResponse<String> bad = get("/items/" + prefix + "good/similar?k=" + k);
          assertEquals(400, bad.statusCode(), "k=" + k + ": " + bad.body());
        }
      }
      // A crash loses the global store's checkpoint, so the restart replays the topic through the
      // processor.
      try (Stream<Path> files = Files.walk(stateDir())) {
        files
            .filter(f -> f.getFileName().toString().equals(".checkpoint"))
            .forEach(f -> f.toFile().delete());
      }
      try (ApplicationContext app = start(stack)) {
        awaitBody("/items/" + prefix + "good/similar?k=3", 200, prefix + "good");
        Thread.sleep(2_000);
        assertEquals(
            3,
            deadLetters(kafka, TopicNames.ITEM_EMBEDDINGS, prefix).size(),
            "no second dead letter for the same source record after a restart");
      }
    }
  }

  private ApplicationContext start(KafkaStack stack) throws Exception {
    Map<String, Object> props = ServingAppTest.appProperties(stack, run, model, port);
    props.put("llmemb.serving.state-dir", stateDir().toString());
    props.put("llmemb.serving.progress-check-interval", "1s");
    ApplicationContext app = ApplicationContext.run(props);
    app.getBean(EmbeddedServer.class).start();
    return app;
  }

  private Path stateDir() {
    return tmp.resolve("state");
  }

  private Topics topics(KafkaStack stack) {
    TopicCreator.createAll(
        stack.bootstrapServers(), TopicCreator.DEFAULT_PARTITIONS, Duration.ofSeconds(30));
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
  }

  private ModelRelease release(String version, long seed) throws Exception {
    return TestBundles.release(
        model,
        version + "-" + run,
        TestBundles.writeBundle(tmp.resolve("store/" + version + "-" + run), itemIds, seed));
  }

  private static ItemEmbedding embedding(String itemId, List<Float> vector) {
    return new ItemEmbedding(
        itemId, vector, "hash-" + itemId, TestBundles.LLM_VERSION, "p1", Instant.now());
  }

  private static void awaitRecommendationFrom(StackClient kafka, String user, String version)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      kafka.interact(user, "ft-any", true);
      if (kafka
          .readUntil(
              r -> r.getUserId().equals(user) && r.getModelVersion().equals(version),
              Duration.ofMillis(500))
          .stream()
          .anyMatch(r -> r.getUserId().equals(user) && r.getModelVersion().equals(version))) {
        return;
      }
    }
    throw new AssertionError(
        "no recommendation for " + user + " from model " + version + " within " + WAIT);
  }

  private void awaitBody(String path, int status, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get(path);
      if (last.statusCode() == status && last.body().contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        path
            + ": expected "
            + status
            + " with '"
            + text
            + "', last "
            + (last == null ? null : last.statusCode() + " " + last.body()));
  }

  /**
   * The dead letters of {@code topic} once {@code expected} have arrived (or after 20 s): a letter
   * is committed with its own partition's transaction (for a global topic, by the instance owning
   * the key, which may first wait for group membership), so it can trail good records on other
   * partitions.
   */
  private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(
      StackClient kafka, String topic, String keyPrefix, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<ConsumerRecord<String, byte[]>> letters = deadLetters(kafka, topic, keyPrefix);
    while (letters.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(250);
      letters = deadLetters(kafka, topic, keyPrefix);
    }
    return letters;
  }

  private static List<ConsumerRecord<String, byte[]>> deadLetters(
      StackClient kafka, String topic, String keyPrefix) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : kafka.readAll(TopicNames.dlq(topic))) {
      if (r.key() != null && r.key().startsWith(keyPrefix)) {
        out.add(r);
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
