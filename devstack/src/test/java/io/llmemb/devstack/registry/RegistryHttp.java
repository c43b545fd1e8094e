package io.llmemb.devstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Raw HTTP calls to a registry in tests, so the REST contract itself (status, JSON, codes) is what
 * is asserted.
 */
final class RegistryHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Status and parsed JSON body of one response. */
  record Response(int status, JsonNode body) {
    int errorCode() {
      return body.path("error_code").asInt(-1);
    }
  }

  private final String baseUrl;

  RegistryHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Response post(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(json(body)));
  }

  /** Posts {@code body} as is, for requests that are not valid JSON. */
  Response postRaw(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)));
  }

  /**
   * Registers {@code schema} under {@code subject}; the response body holds {@code id} on success.
   */
  Response register(String subject, String schema) {
    return post(
        "/subjects/" + enc(subject) + "/versions",
        java.util.Map.of("schema", schema, "schemaType", "AVRO"));
  }

  static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              request.header("Content-Type", SchemaRegistryServer.CONTENT_TYPE).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException("registry call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
