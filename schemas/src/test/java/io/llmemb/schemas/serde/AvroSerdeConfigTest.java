package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

  @Test
  void defaultsAndOverrides() {
    AvroSerdeConfig d =
        AvroSerdeConfig.from(
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081/, http://b:8081"));
    assertEquals(List.of("http://a:8081", "http://b:8081"), d.registry().urls());
    assertTrue(d.autoRegister());
    assertFalse(d.useLatestVersion());
    assertFalse(d.specificReader());
    assertEquals(Duration.ofSeconds(2), d.registry().connectTimeout());

    AvroSerdeConfig o =
        AvroSerdeConfig.from(
            Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://x",
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                false,
                AvroSerdeConfig.USE_LATEST_VERSION,
                "TRUE",
                AvroSerdeConfig.REQUEST_TIMEOUT_MS,
                750));
    assertFalse(o.autoRegister());
    assertTrue(o.useLatestVersion());
    assertEquals(Duration.ofMillis(750), o.registry().requestTimeout());
    assertEquals("x", o.registry().mockScope());
  }

  @Test
  void badValuesNameTheKey() {
    assertMessage(Map.of(), AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    assertMessage(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "localhost:8081"), "http://");
    assertMessage(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://a,http://b"), "mock://");
    assertMessage(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://exa mple:8081"), "not a valid URI");
    assertMessage(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            "mock://a",
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            "yes"),
        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    assertMessage(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            "mock://a",
            AvroSerdeConfig.CONNECT_TIMEOUT_MS,
            "2s"),
        AvroSerdeConfig.CONNECT_TIMEOUT_MS);
    assertMessage(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            "mock://a",
            AvroSerdeConfig.CONNECT_TIMEOUT_MS,
            "0"),
        "connectTimeout");
  }

  private static void assertMessage(Map<String, ?> config, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AvroSerdeConfig.from(config));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
