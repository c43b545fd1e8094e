package io.llmemb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving app on the real broker + registry with real (randomly initialised) RAT SASRec
 * bundles: recommendations for interactions (read_committed), a brand-new item recommendable right
 * after its embedding arrives (time measured and printed), a release swapping the version, REST,
 * health and Prometheus; then a short throughput run (printed). K exceeds the catalogue, so
 * "recommendable" does not depend on what random weights happen to rank.
 */
@ExtendWith(KafkaStackExtension.class)
class ServingAppTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int ITEMS = 12;
  private static final int TOP_K = 20;
  private static final int LLM_DIM = TestBundles.LLM_DIM;
  private static final String LLM_VERSION = TestBundles.LLM_VERSION;
  private static final int FRESH_ITEMS = 5;
  // Small on purpose: the suite shares 2 cores; raise it for a real throughput reading.
  private static final int LOAD_EVENTS = 300;

  @TempDir Path tmp;

  @Test
  void servesRecommendationsNewItemsAndReleasesOnTheRealStack(KafkaStack stack) throws Exception {
    TopicCreator.createAll(
        stack.bootstrapServers(), TopicCreator.DEFAULT_PARTITIONS, Duration.ofSeconds(30));
    Topics topics =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String model = "serving-it-" + run;
    List<String> itemIds =
        IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "it-" + run + "-" + i).toList();
    Random random = new Random(11);
    int port = FreePorts.pick(1)[0];
    String base = "http://localhost:" + port;
    try (StackClient kafka = new StackClient(stack.bootstrapServers(), topics)) {
      kafka.release(
          TestBundles.release(
              model,
              "v1-" + run,
              TestBundles.writeBundle(tmp.resolve("store/v1-" + run), itemIds, 1)));
      try (ApplicationContext app = ApplicationContext.run(appProperties(stack, run, model, port));
          EmbeddedServer server = app.getBean(EmbeddedServer.class).start()) {
        // Recommendations for an interaction, seen items dropped.
        String user = "user-" + run;
        kafka.interact(user, itemIds.get(0), true);
        kafka.interact(user, itemIds.get(1), true);
        Recommendations first =
            last(
                kafka.readUntil(
                    r -> r.getUserId().equals(user) && ids(r).size() == ITEMS - 2, WAIT));
        assertEquals("v1-" + run, first.getModelVersion());
        assertFalse(
            ids(first).contains(itemIds.get(0)) || ids(first).contains(itemIds.get(1)),
            ids(first).toString());

        // Brand-new items: recommendable as soon as their embedding arrives, no release in between.
        List<Long> fresh = new ArrayList<>();
        for (int n = 0; n < FRESH_ITEMS; n++) {
          String item = "fresh-" + run + "-" + n;
          long t0 = System.currentTimeMillis();
          kafka.embed(item, TestBundles.randomVector(random, LLM_DIM), LLM_VERSION);
          Recommendations withItem = null;
          long deadline = System.nanoTime() + WAIT.toNanos();
          while (withItem == null && System.nanoTime() < deadline) {
            kafka.interact(user, itemIds.get(0), true);
            withItem =
                kafka.readUntil(r -> ids(r).contains(item), Duration.ofMillis(100)).stream()
                    .filter(r -> ids(r).contains(item))
                    .findFirst()
                    .orElse(null);
          }
          assertTrue(withItem != null, "new item " + item + " never recommended");
          assertEquals("v1-" + run, withItem.getModelVersion(), "no retraining happened");
          fresh.add(withItem.getEmittedAt().toEpochMilli() - t0);
        }
        System.out.printf(
            "serving freshness, embedding published -> in a recommendation (n=%d, interaction "
                + "every ~100 ms): %s ms%n",
            FRESH_ITEMS, fresh);

        // REST, health, Prometheus.
        HttpResponse<String> rest = get(base + "/users/" + user + "/recommendations");
        assertEquals(200, rest.statusCode(), rest.body());
        assertTrue(rest.body().contains("\"modelVersion\":\"v1-" + run + "\""), rest.body());
        assertEquals(404, get(base + "/users/nobody-" + run + "/recommendations").statusCode());
        HttpResponse<String> similar = get(base + "/items/fresh-" + run + "-0/similar?k=3");
        assertEquals(200, similar.statusCode(), similar.body());
        assertTrue(get(base + "/health").body().contains("RUNNING"), "streams state in /health");

        // A new release swaps the version in the output.
        kafka.release(
            TestBundles.release(
                model,
                "v2-" + run,
                TestBundles.writeBundle(tmp.resolve("store/v2-" + run), itemIds, 2)));
        Recommendations swapped = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (swapped == null && System.nanoTime() < deadline) {
          kafka.interact(user, itemIds.get(2), true);
          swapped =
              kafka
                  .readUntil(r -> r.getModelVersion().equals("v2-" + run), Duration.ofMillis(200))
                  .stream()
                  .filter(r -> r.getModelVersion().equals("v2-" + run))
                  .findFirst()
                  .orElse(null);
        }
        assertTrue(swapped != null, "release v2 never reached the output");
        assertTrue(
            ids(swapped).contains("fresh-" + run + "-0"),
            "new items re-adapted under v2: " + ids(swapped));

        throughput(kafka, run, itemIds, random);
        var latency =
            app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get(ServingMetrics.PREFIX + "recommendation.latency")
                .timer();
        System.out.printf(
            "serving compute per interaction (store + encode + score + top-K): mean %.2f ms, max "
                + "%.2f ms over %d%n",
            latency.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
            latency.max(java.util.concurrent.TimeUnit.MILLISECONDS),
            latency.count());
        String metrics = get(base + "/prometheus").body();
        assertTrue(metrics.contains("llmemb_serving_events_total"), "events counter exported");
        assertTrue(
            metrics.contains("llmemb_serving_model{version=\"v2-" + run + "\"}"),
            "model version gauge");
        assertTrue(
            metrics.contains("llmemb_serving_recommendation_latency_seconds"),
            "latency timer exported");
        assertTrue(metrics.contains("llmemb_serving_index_items"), "index size gauge exported");
      }
    }
  }

  /**
   * Sends LOAD_EVENTS interactions of 100 users as fast as one producer can and reads every
   * recommendation.
   */
  private static void throughput(StackClient kafka, String run, List<String> itemIds, Random random)
      throws Exception {
    String prefix = "load-" + run + "-";
    long start = System.nanoTime();
    for (int i = 0; i < LOAD_EVENTS; i++) {
      kafka.interact(prefix + (i % 100), itemIds.get(random.nextInt(itemIds.size())), false);
    }
    kafka.flush();
    List<Long> lags = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (lags.size() < LOAD_EVENTS && System.nanoTime() < deadline) {
      for (Recommendations r : kafka.readUntil(r -> false, Duration.ofMillis(200))) {
        if (r.getUserId().startsWith(prefix)) {
          lags.add(r.getEmittedAt().toEpochMilli() - r.getEventTime().toEpochMilli());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(
        LOAD_EVENTS, lags.size(), "every interaction got exactly one recommendation record");
    long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "serving throughput: %d interactions in %.2f s = %.0f events/s; event -> emit p50 %d ms, "
            + "p99 %d ms (exactly_once_v2, 1 stream thread)%n",
        LOAD_EVENTS,
        seconds,
        LOAD_EVENTS / seconds,
        sorted[sorted.length / 2],
        sorted[(int) (sorted.length * 0.99)]);
  }

  static Map<String, Object> appProperties(KafkaStack stack, String run, String model, int port) {
    Map<String, Object> props = new HashMap<>();
    props.put("kafka.bootstrap.servers", stack.bootstrapServers());
    props.put("llmemb.schema-registry.url", stack.schemaRegistryUrl());
    props.put("llmemb.serving.application-id", "serving-it-" + run);
    props.put(
        "llmemb.serving.model-store", Path.of(System.getProperty("java.io.tmpdir")).toString());
    props.put("llmemb.serving.model-name", model);
    props.put(
        "llmemb.serving.state-dir",
        Path.of(System.getProperty("java.io.tmpdir"), "serving-it-" + run).toString());
    props.put("llmemb.serving.top-k", TOP_K);
    props.put("micronaut.server.port", port);
    return props;
  }

  private static List<String> ids(Recommendations r) {
    return r.getItems().stream().map(ScoredItem::getItemId).toList();
  }

  private static Recommendations last(List<Recommendations> read) {
    assertFalse(read.isEmpty(), "no recommendations within " + WAIT);
    return read.get(read.size() - 1);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
