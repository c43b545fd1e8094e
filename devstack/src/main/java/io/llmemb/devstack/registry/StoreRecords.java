package io.llmemb.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.Optional;

/**
 * JSON keys and values of the {@code _schemas} topic in Confluent's kafkastore layout: keys {@code
 * {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}} and {@code
 * {"keytype":"CONFIG","subject":s|null, "magic":0}}. Keys are written with a fixed field order so
 * compaction sees equal keys as equal bytes.
 */
final class StoreRecords {

  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";
  private static final String KEYTYPE = "keytype";
  private static final String SUBJECT = "subject";
  private static final String VERSION = "version";
  private static final String MAGIC = "magic";
  private static final String COMPATIBILITY_LEVEL = "compatibilityLevel";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A decoded key; {@code subject} is null for the global config, {@code version} 0 for configs.
   */
  record Key(String keytype, String subject, int version) {}

  private StoreRecords() {}

  static String schemaKey(String subject, int version) {
    ObjectNode key =
        JSON.createObjectNode().put(KEYTYPE, SCHEMA).put(SUBJECT, subject).put(VERSION, version);
    return write(key.put(MAGIC, 1));
  }

  static String configKey(String subjectOrNull) {
    ObjectNode key = JSON.createObjectNode().put(KEYTYPE, CONFIG).put(SUBJECT, subjectOrNull);
    return write(key.put(MAGIC, 0));
  }

  static String schemaValue(SchemaVersion v) {
    ObjectNode value =
        JSON.createObjectNode()
            .put(SUBJECT, v.subject())
            .put(VERSION, v.version())
            .put("id", v.id())
            .put("schema", v.schema())
            .put("deleted", v.deleted());
    return write(value);
  }

  static String configValue(CompatibilityLevel level) {
    return write(JSON.createObjectNode().put(COMPATIBILITY_LEVEL, level.name()));
  }

  /** Decodes a key; empty for key types this registry does not use (e.g. Confluent's NOOP). */
  static Optional<Key> parseKey(String json) {
    JsonNode node = read(json, "key");
    String type = node.path(KEYTYPE).asText("");
    if (!SCHEMA.equals(type) && !CONFIG.equals(type)) {
      return Optional.empty();
    }
    JsonNode subject = node.get(SUBJECT);
    String subjectOrNull = subject == null || subject.isNull() ? null : subject.asText();
    return Optional.of(new Key(type, subjectOrNull, node.path(VERSION).asInt(0)));
  }

  static SchemaVersion parseSchemaValue(String json) {
    JsonNode node = read(json, "schema value");
    return new SchemaVersion(
        node.path(SUBJECT).asText(),
        node.path(VERSION).asInt(),
        node.path("id").asInt(),
        node.path("schema").asText(),
        node.path("deleted").asBoolean(false));
  }

  static CompatibilityLevel parseConfigValue(String json) {
    return CompatibilityLevels.parse(read(json, "config value").path(COMPATIBILITY_LEVEL).asText());
  }

  private static JsonNode read(String json, String what) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed " + what + " in _schemas: " + json, e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + node, e);
    }
  }
}
