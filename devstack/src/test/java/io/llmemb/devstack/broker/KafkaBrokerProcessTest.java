package io.llmemb.devstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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

/** The one child-process broker test: real broker JVM, a record survives a restart, nothing outlives stop(). */
class KafkaBrokerProcessTest {

  private static final String TOPIC = "child.test";

  @Test
  void producesStopsRestartsOnTheSameDataAndLeavesNoProcess(@TempDir Path dir) throws Exception {
    BrokerConfig config = BrokerConfig.onFreePorts(dir);
    long pid;
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(config, KafkaBrokerProcess.DEFAULT_READY_TIMEOUT)) {
      pid = broker.pid();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>(TOPIC, "k", "v1")).get();
      }
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker pid " + pid + " still alive");
    String clusterId = Files.readString(config.logDir().resolve("meta.properties"));

    // Restart on new ports with the same data dir: no re-format (same cluster id), the record is still there.
    BrokerConfig again = BrokerConfig.onFreePorts(dir);
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(again, KafkaBrokerProcess.DEFAULT_READY_TIMEOUT)) {
      pid = broker.pid();
      assertEquals(Optional.of("v1"), firstValue(broker.bootstrapServers()));
    }
    assertEquals(clusterId, Files.readString(config.logDir().resolve("meta.properties")));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker pid " + pid + " still alive");
    assertTrue(Files.size(dir.resolve("broker.log")) > 0, "broker log is written to the data dir");
  }

  private static Optional<String> firstValue(String bootstrap) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "child-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
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
