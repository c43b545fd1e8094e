package io.llmemb.devstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * Fills record fields missing from Avro-JSON input with the schema's defaults, since Avro's JSON
 * decoder requires every field; so {@code {"itemId":"1","title":"Toy Story","updatedAt":0}} is a
 * complete {@code Item}. A field without a default stays missing and Avro's decoder names it.
 */
final class AvroJsonDefaults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroJsonDefaults() {}

  /**
   * {@code json} with defaults filled into this record and every nested record given as a JSON
   * object.
   */
  static String fill(String json, Schema schema) {
    try {
      return JSON.writeValueAsString(fill(JSON.readTree(json), schema));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("value is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode fill(JsonNode node, Schema schema) {
    if (schema.getType() == Schema.Type.ARRAY && node.isArray()) {
      node.forEach(element -> fill(element, schema.getElementType()));
      return node;
    }
    if (schema.getType() != Schema.Type.RECORD || !node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode declared = declaredFields(schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode present = object.get(field.name());
      if (present != null) {
        fill(present, field.schema());
      } else if (field.hasDefaultValue()) {
        object.set(field.name(), encoded(declared.get(field.pos()).get("default"), field.schema()));
      }
    }
    return object;
  }

  /** The record's field declarations as JSON: defaults exactly as written in the schema. */
  private static JsonNode declaredFields(Schema record) {
    try {
      return JSON.readTree(record.toString()).get("fields");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot re-read schema " + record.getFullName(), e);
    }
  }

  /**
   * Avro JSON encoding of a default: a non-null union default belongs to the first branch and is
   * wrapped.
   */
  private static JsonNode encoded(JsonNode defaultValue, Schema schema) {
    if (schema.getType() != Schema.Type.UNION || defaultValue.isNull()) {
      return defaultValue;
    }
    Schema first = schema.getTypes().get(0);
    return JSON.createObjectNode().set(first.getFullName(), defaultValue);
  }
}
