package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.errors.SchemaRejectedException;
import io.llmemb.schemas.registry.HttpSchemaRegistryClient;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.registry.RegistryClientConfig;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code mock://} registry of unit tests and the dev stack's registry decide alike, by default
 * level and by rule: the same history of schemas gets the same verdicts from both, so a topology
 * test on {@code mock://} cannot accept a change the real stack refuses.
 */
@ExtendWith(KafkaStackExtension.class)
class MockRegistryParityTest {

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"P\",\"fields\":[" + fields + "]}");
  }

  private static final List<Schema> HISTORY =
      List.of(
          record("{\"name\":\"a\",\"type\":\"int\"}"),
          record(
              "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}"),
          // Reads the previous version's data but not the first's: only a transitive level refuses
          // it.
          record("{\"name\":\"b\",\"type\":\"string\"}"),
          record(
              "{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}"),
          record("{\"name\":\"a\",\"type\":\"string\"}"),
          record(
              "{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"c\",\"type\":[\"null\",\"int\"],\"default\":null}"));

  @Test
  void theSameHistoryGetsTheSameVerdictsAndIds(KafkaStack stack) {
    String scope = "parity-" + UUID.randomUUID();
    try (SchemaRegistryClient http =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(stack.schemaRegistryUrl()))) {
      List<String> mock = verdicts(MockSchemaRegistry.scope(scope));
      List<String> real = verdicts(http);
      assertEquals(real, mock);
      assertEquals(
          List.of("yes", "yes", "no", "yes", "no", "yes"),
          real.stream().map(v -> v.substring(0, v.indexOf(' '))).toList(),
          real.toString());
    } finally {
      MockSchemaRegistry.dropScope(scope);
    }
  }

  /**
   * For each schema in turn: whether the subject accepts it, and the version it got ("-" when
   * refused).
   */
  private static List<String> verdicts(SchemaRegistryClient registry) {
    String subject = "parity-" + UUID.randomUUID() + "-value";
    List<String> out = new ArrayList<>();
    for (Schema s : HISTORY) {
      boolean compatible = registry.testCompatibility(subject, s);
      String version;
      try {
        registry.register(subject, s);
        version = String.valueOf(registry.lookup(subject, s).version());
      } catch (SchemaRejectedException e) {
        version = "-";
      }
      out.add((compatible ? "yes " : "no ") + version);
    }
    return out;
  }
}
