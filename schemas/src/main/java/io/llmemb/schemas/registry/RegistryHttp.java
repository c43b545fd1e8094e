package io.llmemb.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.schemas.errors.AvroSerdeException;
import io.llmemb.schemas.errors.RegistryResponseException;
import io.llmemb.schemas.errors.RegistryUnavailableException;
import io.llmemb.schemas.errors.SchemaNotFoundException;
import io.llmemb.schemas.errors.SchemaRejectedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-over-HTTP transport to a Confluent-API registry: sends one request with bounded timeouts,
 * fails over across the configured base URLs when one cannot be reached, and maps error responses
 * to typed exceptions.
 */
final class RegistryHttp {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  /** Media type of the Confluent API (v1). */
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT = CONTENT_TYPE + ", application/json";
  private static final int SERVER_ERROR = 500;
  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;
  private static final int UNPROCESSABLE = 422;

  private final List<String> baseUrls;
  private final RegistryClientConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  RegistryHttp(RegistryClientConfig config) {
    this.config = config;
    this.baseUrls = config.urls();
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * Sends {@code method path} with an optional JSON body; a 404 becomes a {@link
   * SchemaNotFoundException}.
   */
  JsonNode send(String method, String path, Object body) {
    return send(method, path, body, code -> null);
  }

  /**
   * Sends {@code method path} with an optional JSON body and returns the parsed response body.
   * {@code notFound} builds the exception for a 404 with a Confluent data error code (40401, 40403,
   * ...); it receives the code and may return null for the default {@link SchemaNotFoundException}.
   */
  JsonNode send(String method, String path, Object body, IntFunction<AvroSerdeException> notFound) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(write(body));
    IOException last = null;
    for (String base : baseUrls) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(config.requestTimeout())
              .header("Accept", ACCEPT)
              .header("Content-Type", CONTENT_TYPE)
              .method(method, publisher)
              .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return parse(method, base + path, response, notFound);
      } catch (IOException e) {
        // Connection refused, reset or timed out: the next URL may be a healthy replica.
        LOG.debug("registry {} unreachable for {} {}: {}", base, method, path, e.toString());
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "interrupted while calling registry " + base + path, e);
      }
    }
    throw new RegistryUnavailableException(
        "schema registry unreachable at "
            + baseUrls
            + " for "
            + method
            + " "
            + path
            + " (connect timeout "
            + config.connectTimeout().toMillis()
            + " ms, request timeout "
            + config.requestTimeout().toMillis()
            + " ms): "
            + last,
        last);
  }

  private JsonNode parse(
      String method,
      String url,
      HttpResponse<String> response,
      IntFunction<AvroSerdeException> notFound) {
    int status = response.statusCode();
    JsonNode body = readBody(response.body(), url, status);
    if (status / 100 == 2) {
      return body;
    }
    int code = body.path("error_code").asInt(status);
    String what =
        method
            + " "
            + url
            + " -> HTTP "
            + status
            + " (error_code "
            + code
            + "): "
            + body.path("message").asText(response.body());
    if (status >= SERVER_ERROR) {
      throw new RegistryUnavailableException("schema registry failed: " + what, null);
    }
    if (status == NOT_FOUND && code == NOT_FOUND) {
      // Confluent answers unknown endpoints with error_code 404 (its data errors are 404xx): a
      // wrong base URL,
      // not missing data, so it must not look like an unknown schema id and dead-letter every
      // record.
      throw new RegistryResponseException(
          "registry endpoint not found (is the registry URL right?): " + what, status, code, null);
    }
    if (status == NOT_FOUND) {
      AvroSerdeException e = notFound.apply(code);
      throw e != null ? e.withContext(what) : new SchemaNotFoundException(what, status, code, null);
    }
    if (status == CONFLICT || status == UNPROCESSABLE) {
      throw new SchemaRejectedException("schema rejected: " + what, status, code, null);
    }
    throw new RegistryResponseException(
        "unexpected registry response: " + what, status, code, null);
  }

  private JsonNode readBody(String text, String url, int status) {
    if (text == null || text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(text);
    } catch (IOException e) {
      if (status / 100 == 2) {
        throw new RegistryResponseException(
            "registry "
                + url
                + " answered HTTP "
                + status
                + " with a body that is not JSON: "
                + abbreviate(text),
            status,
            status,
            e);
      }
      return json.createObjectNode().put("message", abbreviate(text));
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode registry request body " + body, e);
    }
  }

  private static String abbreviate(String text) {
    final int max = 200;
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
