package io.llmemb.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request decoded for routing: method, URL-decoded path segments, query parameters and
 * JSON body.
 */
record RegistryRequest(
    String method, List<String> segments, Map<String, String> query, JsonNode body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RegistryRequest of(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    List<String> segments =
        Arrays.stream(rawPath.split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
            .toList();
    return new RegistryRequest(
        exchange.getRequestMethod(),
        segments,
        query(exchange.getRequestURI().getRawQuery()),
        body(exchange.getRequestBody()));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static JsonNode body(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length == 0) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // The original message leaves out Jackson's source-location suffix.
      throw RegistryException.badRequest("request body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Segment {@code i} of the path, or "" when the path is shorter. */
  String segment(int i) {
    return i < segments.size() ? segments.get(i) : "";
  }

  /** Whether the query flag {@code name} is {@code true}. */
  boolean flag(String name) {
    return Boolean.parseBoolean(query.getOrDefault(name, "false"));
  }

  /**
   * Integer query parameter {@code name}, or {@code dflt} when absent; 400 when it is not an
   * integer.
   */
  int intParam(String name, int dflt) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw RegistryException.badRequest(
          "query parameter " + name + " must be an integer, got '" + value + "'", e);
    }
  }

  /** Text field {@code name} of the body; a 422 naming the field when missing. */
  String requiredText(String name, int errorCode) {
    JsonNode node = body.get(name);
    if (node == null || !node.isTextual()) {
      throw new RegistryException(
          422, errorCode, "request body needs a string field \"" + name + "\"");
    }
    return node.asText();
  }

  /** The schema text of a register / lookup / compatibility body; only Avro is supported. */
  String avroSchema() {
    String type = body.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw RegistryException.invalidSchema(
          "schemaType " + type + " is not supported (AVRO only)", null);
    }
    if (body.path("references").size() > 0) {
      // Silently ignoring references would register a schema that cannot be resolved by readers.
      throw RegistryException.invalidSchema(
          "schema references are not supported by this registry", null);
    }
    return requiredText("schema", RegistryException.INVALID_SCHEMA);
  }
}
