package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security settings of application.yml reach every Kafka client config the trainer builds;
 * unset ones do not.
 */
class KafkaClientSettingsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required "
          + "username=\"trainer\" password=\"s3cret\";";

  @Test
  void mapsEverySetValueAndLeavesBlanksOut() {
    KafkaClientSettings set =
        new KafkaClientSettings(
            "b:9093", "SASL_SSL", "SCRAM-SHA-512", JAAS, "/etc/kafka/truststore.p12", "changeit");
    assertEquals(
        Map.of(
            "bootstrap.servers",
            "b:9093",
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "sasl.jaas.config",
            JAAS,
            "ssl.truststore.location",
            "/etc/kafka/truststore.p12",
            "ssl.truststore.password",
            "changeit"),
        set.clientConfig());

    KafkaClientSettings blank = new KafkaClientSettings("b:9092", "PLAINTEXT", "", " ", null, "");
    assertEquals(
        Map.of("bootstrap.servers", "b:9092", "security.protocol", "PLAINTEXT"),
        blank.clientConfig());
  }

  @Test
  void secretsAreNotPrinted() {
    String printed =
        new KafkaClientSettings("b:9093", "SASL_SSL", "SCRAM-SHA-512", JAAS, "/t.p12", "changeit")
            .toString();
    assertFalse(printed.contains("s3cret") || printed.contains("changeit"), printed);
  }

  @Test
  void applicationYmlDefaultsToPlaintextAndMapsTheKafkaKeys() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of("llmemb.trainer.enabled", false, "kafka.bootstrap.servers", "b:9092"))) {
      assertEquals(
          Map.of("bootstrap.servers", "b:9092", "security.protocol", "PLAINTEXT"),
          TrainerFactory.client(ctx.getBean(KafkaClientSettings.class)));
    }
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "llmemb.trainer.enabled",
                false,
                "kafka.bootstrap.servers",
                "b:9093",
                "kafka.security.protocol",
                "SASL_SSL",
                "kafka.sasl.mechanism",
                "SCRAM-SHA-512",
                "kafka.sasl.jaas.config",
                JAAS,
                "kafka.ssl.truststore.location",
                "/t.p12",
                "kafka.ssl.truststore.password",
                "changeit"))) {
      assertEquals(
          Map.of(
              "bootstrap.servers",
              "b:9093",
              "security.protocol",
              "SASL_SSL",
              "sasl.mechanism",
              "SCRAM-SHA-512",
              "sasl.jaas.config",
              JAAS,
              "ssl.truststore.location",
              "/t.p12",
              "ssl.truststore.password",
              "changeit"),
          TrainerFactory.client(ctx.getBean(KafkaClientSettings.class)));
    }
  }
}
