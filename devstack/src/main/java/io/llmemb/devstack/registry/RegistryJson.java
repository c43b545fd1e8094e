package io.llmemb.devstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.List;

/** The JSON bodies the routes answer with, shaped like Confluent's REST entities. */
final class RegistryJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private RegistryJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Confluent's {@code Schema} entity: subject, version, id, schema. */
  static ObjectNode version(SchemaVersion v) {
    return object()
        .put("subject", v.subject())
        .put("version", v.version())
        .put("id", v.id())
        .put("schema", v.schema());
  }

  static ArrayNode versions(List<SchemaVersion> versions) {
    ArrayNode out = JSON.createArrayNode();
    versions.forEach(v -> out.add(version(v)));
    return out;
  }

  /** Confluent's {@code SubjectVersion} entity: subject and version. */
  static ArrayNode subjectVersions(List<SchemaVersion> versions) {
    ArrayNode out = JSON.createArrayNode();
    versions.forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
    return out;
  }

  /** The {@code /schema} endpoints return the schema itself, not a string holding it. */
  static JsonNode rawSchema(String schema) {
    try {
      return JSON.readTree(schema);
    } catch (IOException e) {
      return TextNode.valueOf(schema);
    }
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode out = JSON.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  static ArrayNode ints(List<Integer> values) {
    ArrayNode out = JSON.createArrayNode();
    values.forEach(out::add);
    return out;
  }
}
