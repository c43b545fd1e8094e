package io.llmemb.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.schemas.errors.RegistryResponseException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over {@link
 * java.net.http.HttpClient} with Jackson. It works against Confluent's server and against the dev
 * stack's registry. It does not cache: wrap it in {@link CachingSchemaRegistryClient} (as {@link
 * SchemaRegistryClients#create} does).
 *
 * <p>Timeouts come from {@link RegistryClientConfig}; a registry that is down fails within about
 * the connect timeout per URL with {@link io.llmemb.schemas.errors.RegistryUnavailableException}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String SUBJECTS = "/subjects/";
  private static final String SCHEMA = "schema";
  private static final String LATEST = "latest";
  private static final int SUBJECT_NOT_FOUND = 40401;

  private final RegistryHttp http;

  /** A client for the http(s) URLs of {@code config}. */
  public HttpSchemaRegistryClient(RegistryClientConfig config) {
    if (config.isMock()) {
      throw new IllegalArgumentException(
          "HttpSchemaRegistryClient needs http(s) URLs, got " + config.urls());
    }
    this.http = new RegistryHttp(config);
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode body = http.send("POST", SUBJECTS + enc(subject) + "/versions", schemaBody(schema));
    return requireInt(body, "id", subject);
  }

  @Override
  public Schema getById(int id) {
    JsonNode body =
        http.send(
            "GET",
            "/schemas/ids/" + id,
            null,
            code ->
                code == UnknownSchemaIdException.ERROR_CODE
                    ? new UnknownSchemaIdException(
                        id, "schema id " + id + " is not in the registry", null)
                    : null);
    return parse(body.path(SCHEMA).asText(null), "schema id " + id);
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    return version(subject, LATEST);
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    return version(subject, Integer.toString(version));
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode body = http.send("POST", SUBJECTS + enc(subject), schemaBody(schema));
    return registered(subject, body);
  }

  @Override
  public List<String> subjects() {
    List<String> out = new ArrayList<>();
    http.send("GET", "/subjects", null).forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> out = new ArrayList<>();
    http.send("GET", SUBJECTS + enc(subject) + "/versions", null).forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    try {
      // No version in the path: the check registering does (every version under a transitive
      // level); naming
      // "latest" would check that version alone and pass schemas that registering then refuses.
      JsonNode body =
          http.send(
              "POST", "/compatibility" + SUBJECTS + enc(subject) + "/versions", schemaBody(schema));
      return body.path("is_compatible").asBoolean(false);
    } catch (RegistryResponseException e) {
      // Older Confluent versions answer 40401 for a subject without versions; anything is
      // compatible then.
      if (e.errorCode() == SUBJECT_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return level(http.send("GET", "/config/" + enc(subject) + "?defaultToGlobal=true", null));
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return level(http.send("GET", "/config", null));
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.send("PUT", "/config/" + enc(subject), Map.of("compatibility", level.name()));
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    http.send("PUT", "/config", Map.of("compatibility", level.name()));
  }

  @Override
  public void close() {
    // java.net.http.HttpClient on Java 17 has no close(); its selector thread ends when the client
    // is collected.
  }

  private RegisteredSchema version(String subject, String version) {
    JsonNode body = http.send("GET", SUBJECTS + enc(subject) + "/versions/" + version, null);
    return registered(subject, body);
  }

  private RegisteredSchema registered(String subject, JsonNode body) {
    return new RegisteredSchema(
        body.path("subject").asText(subject),
        requireInt(body, "id", subject),
        requireInt(body, "version", subject),
        parse(body.path(SCHEMA).asText(null), "subject " + subject));
  }

  private static Map<String, String> schemaBody(Schema schema) {
    return Map.of(SCHEMA, schema.toString());
  }

  private static CompatibilityLevel level(JsonNode body) {
    // GET answers compatibilityLevel; PUT echoes compatibility.
    String name = body.path("compatibilityLevel").asText(body.path("compatibility").asText(null));
    if (name == null) {
      throw new RegistryResponseException(
          "registry config response has no compatibilityLevel: " + body, 200, 200, null);
    }
    return CompatibilityLevel.valueOf(name);
  }

  private static int requireInt(JsonNode body, String field, String subject) {
    if (!body.path(field).canConvertToInt()) {
      throw new RegistryResponseException(
          "registry response for subject " + subject + " has no integer '" + field + "': " + body,
          200,
          200,
          null);
    }
    return body.path(field).asInt();
  }

  private static Schema parse(String text, String what) {
    if (text == null) {
      throw new RegistryResponseException(
          "registry response for " + what + " has no 'schema'", 200, 200, null);
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new RegistryResponseException(
          "registry returned an unparsable Avro schema for " + what + ": " + e.getMessage(),
          200,
          200,
          e);
    }
  }

  private static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
