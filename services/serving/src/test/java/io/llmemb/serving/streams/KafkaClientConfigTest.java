package io.llmemb.serving.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.llmemb.serving.config.ServingConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * Security settings from {@code kafka.*} reach every client serving builds; blank ones are left to
 * Kafka's default.
 */
class KafkaClientConfigTest {

  @Test
  void saslScramOverTlsReachesStreamsAndAdmin() {
    KafkaClientConfig clients =
        new KafkaClientConfig(
            Map.of(
                "bootstrap.servers",
                "broker:9093",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
                    + "password=\"p\";",
                "ssl.truststore.location",
                "/etc/kafka/truststore.jks",
                "ssl.truststore.password",
                ""));
    Properties streams =
        ServingStreams.properties(
            new ServingConfig(), clients.common(), new HostInfo("localhost", 8093));
    for (Map<?, ?> m : new Map<?, ?>[] {streams, clients.admin()}) {
      assertEquals("broker:9093", m.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
      assertEquals("SASL_SSL", m.get("security.protocol"));
      assertEquals("SCRAM-SHA-512", m.get("sasl.mechanism"));
      assertEquals("/etc/kafka/truststore.jks", m.get("ssl.truststore.location"));
      assertFalse(m.containsKey("ssl.truststore.password"), "blank values are not set");
    }
  }

  @Test
  void staticMembershipAndSessionTimeoutReachTheMainConsumer() {
    ServingConfig config = new ServingConfig();
    config.setGroupInstanceId("serving-2");
    config.setStandbyReplicas(1);
    Properties p =
        ServingStreams.properties(
            config, Map.of("bootstrap.servers", "b:9092"), new HostInfo("serving-2.serving", 8093));
    assertEquals("serving-2", p.get("consumer.group.instance.id"));
    assertEquals(6_000, p.get("consumer.session.timeout.ms"));
    assertEquals(1, p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
    assertEquals(100L, p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), "exactly-once's default");
  }

  @Test
  void commitIntervalReachesStreams() {
    ServingConfig config = new ServingConfig();
    config.setCommitInterval(java.time.Duration.ofMillis(10));
    Properties p =
        ServingStreams.properties(
            config, Map.of("bootstrap.servers", "b:9092"), new HostInfo("localhost", 8093));
    assertEquals(10L, p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
  }
}
