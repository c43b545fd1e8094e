package io.llmemb.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Removes the properties only Java's Avro code generation and reflection read ({@code
 * avro.java.string} from {@code stringType=String}, {@code java-class} and its key/element
 * variants) from a schema. A registry tells schemas apart by their full text, so a generated
 * class's schema and the {@code .avsc} it came from would get two ids; without these properties
 * they are the same schema for every client, in any language. This is what Confluent's Java
 * serializer does with {@code avro.remove.java.properties=true}.
 */
public final class JavaProperties {

  /** Property names removed wherever they appear (records, fields, type objects). */
  public static final Set<String> NAMES =
      Set.of("avro.java.string", "java-class", "java-key-class", "java-element-class");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JavaProperties() {}

  /** {@code schema} without {@link #NAMES}; the same instance when it has none. */
  public static Schema remove(Schema schema) {
    String text = schema.toString();
    if (NAMES.stream().noneMatch(text::contains)) {
      return schema;
    }
    try {
      JsonNode tree = JSON.readTree(text);
      strip(tree);
      return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    } catch (IOException e) {
      // Avro wrote the text itself, so it is JSON; failing here means a broken Avro or Jackson.
      throw new UncheckedIOException(
          "cannot re-read the JSON of schema " + schema.getFullName(), e);
    }
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.remove(NAMES);
      for (Iterator<Map.Entry<String, JsonNode>> children = object.fields(); children.hasNext(); ) {
        Map.Entry<String, JsonNode> child = children.next();
        // A default is data, not schema: a map default may well hold a key named like one of these.
        if (!"default".equals(child.getKey())) {
          strip(child.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(JavaProperties::strip);
    }
  }
}
