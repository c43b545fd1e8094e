package io.llmemb.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.broker.BrokerConfig;
import io.llmemb.schemas.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one child-process test: the CLI's stack (broker JVM + registry) starts, keeps records and
 * schema ids across a restart on the same data dir (no re-format), refuses a second stack on a
 * locked dir, and leaves no process.
 */
class DevStackTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCHEMA_BODY =
      "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\","
          + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

  private static DevStackOptions options(Path dir) {
    return new DevStackOptions(
        dir, "localhost", 0, 0, 0, 1, BrokerConfig.DEFAULT_HEAP_MB, Duration.ofSeconds(90));
  }

  @Test
  void startsKeepsDataAcrossRestartAndLeavesNoProcess(@TempDir Path dir) throws Exception {
    long brokerPid;
    String firstRegistration;
    try (DevStack stack = DevStack.start(options(dir))) {
      brokerPid = stack.broker().pid();
      assertEquals(
          Optional.of(stack.bootstrapServers()),
          StackState.read(dir).map(StackState::bootstrapServers));
      IllegalStateException locked =
          assertThrows(IllegalStateException.class, () -> DevStack.start(options(dir)));
      assertTrue(locked.getMessage().contains("another devstack"), locked.getMessage());
      firstRegistration = register(stack.schemaRegistryUrl());
      // Transactional: proves the one-broker transaction-log settings that exactly_once_v2 needs.
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.bootstrapServers(),
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "devstack-test"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TopicNames.INTERACTIONS, "u1", "v1"));
        producer.commitTransaction();
      }
    }
    assertGone(brokerPid);
    assertTrue(StackState.read(dir).isEmpty(), "state file removed on close");
    String meta = Files.readString(dir.resolve("kafka-logs/meta.properties"));

    try (DevStack stack = DevStack.start(options(dir))) {
      brokerPid = stack.broker().pid();
      assertEquals(Optional.of("v1"), firstValue(stack.bootstrapServers()));
      assertEquals(firstRegistration, register(stack.schemaRegistryUrl()), "same id after restart");
      assertScratchTopicIsAutoCreated(stack.bootstrapServers());
    }
    assertGone(brokerPid);
    assertEquals(
        meta, Files.readString(dir.resolve("kafka-logs/meta.properties")), "not re-formatted");
    assertTrue(Files.size(dir.resolve("broker.log")) > 0, "broker log is written to the data dir");
  }

  /**
   * A producer writing to a topic nobody created succeeds, as on a broker with Kafka's defaults.
   */
  private static void assertScratchTopicIsAutoCreated(String bootstrap) throws Exception {
    String scratch = "scratch-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                30_000),
            new StringSerializer(),
            new StringSerializer())) {
      assertEquals(
          scratch,
          producer.send(new ProducerRecord<>(scratch, "k", "v")).get(30, TimeUnit.SECONDS).topic());
    }
  }

  private static void assertGone(long pid) {
    assertFalse(StackState.alive(pid), "broker pid " + pid + " still alive");
  }

  private static String register(String registryUrl) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/r-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA_BODY))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static Optional<String> firstValue(String bootstrap) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "devstack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(TopicNames.INTERACTIONS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          return Optional.of(r.value());
        }
      }
      return Optional.empty();
    }
  }
}
