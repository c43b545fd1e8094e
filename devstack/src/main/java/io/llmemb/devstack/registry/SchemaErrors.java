package io.llmemb.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a failure of Avro's schema parser into a message for the client. Avro's own messages can
 * name its internals (a type used but never defined is reported as {@code
 * org.apache.avro.compiler.UnresolvedSchema_0}), which tells the author of the schema nothing; user
 * type names such as {@code io.llmemb.Thing} are kept.
 */
final class SchemaErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PRIMITIVES =
      Set.of(
          "null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "enum",
          "array", "map", "fixed");

  /** Exception class names and other library internals: Avro, Jackson and the JDK. */
  private static final Pattern INTERNAL_NAME =
      Pattern.compile(
          "\\b(?:org\\.apache\\.avro|com\\.fasterxml\\.jackson|java|javax)\\.[\\w.$]*(?::\\s*)?");

  private SchemaErrors() {}

  /**
   * A message about {@code text} failing to parse with {@code failure}, free of library class
   * names.
   */
  static String describe(String text, RuntimeException failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (message.contains("UnresolvedSchema") || failure instanceof NullPointerException) {
      Set<String> undefined = undefinedNames(text);
      return undefined.isEmpty()
          ? "a type name used in the schema is not defined"
          : "undefined type name(s) "
              + undefined
              + ": neither an Avro primitive type nor a named type defined "
              + "earlier in the schema";
    }
    if (failure.getCause() instanceof JsonProcessingException json) {
      return "not valid JSON: " + json.getOriginalMessage();
    }
    String cleaned = INTERNAL_NAME.matcher(message).replaceAll("").trim();
    return cleaned.isEmpty() ? "the schema does not parse as Avro" : cleaned;
  }

  /** Type names referenced in {@code text} that are neither primitive nor defined in it. */
  static Set<String> undefinedNames(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Set.of();
    }
    Set<String> defined = new HashSet<>();
    Set<String> referenced = new LinkedHashSet<>();
    walk(root, null, defined, referenced);
    referenced.removeIf(name -> PRIMITIVES.contains(name) || defined.contains(name));
    return referenced;
  }

  private static void walk(
      JsonNode node, String namespace, Set<String> defined, Set<String> referenced) {
    if (node.isTextual()) {
      referenced.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> walk(n, namespace, defined, referenced));
    } else if (node.isObject()) {
      String ns = node.path("namespace").asText(namespace);
      if (isNamedType(node) && node.path("name").isTextual()) {
        String name = node.get("name").asText();
        defined.add(name);
        defined.add(name.contains(".") || ns == null || ns.isEmpty() ? name : ns + "." + name);
      }
      for (String child : new String[] {"type", "items", "values"}) {
        if (node.has(child)) {
          walk(node.get(child), ns, defined, referenced);
        }
      }
      node.path("fields").forEach(f -> walk(f, ns, defined, referenced));
    }
  }

  private static boolean isNamedType(JsonNode node) {
    String type = node.path("type").asText("");
    return "record".equals(type)
        || "error".equals(type)
        || "enum".equals(type)
        || "fixed".equals(type);
  }
}
