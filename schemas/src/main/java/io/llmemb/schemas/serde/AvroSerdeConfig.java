package io.llmemb.schemas.serde;

import io.llmemb.schemas.registry.RegistryClientConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link AvroSerializer} and {@link AvroDeserializer}, read from a Kafka config map.
 * The key names are Confluent's, so the same client properties work with Confluent's serdes.
 *
 * <table>
 *   <caption>Config keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #SCHEMA_REGISTRY_URL}</td><td>(required)</td><td>comma-separated http(s) base URLs, or
 *       {@code mock://scope}</td></tr>
 *   <tr><td>{@value #AUTO_REGISTER_SCHEMAS}</td><td>true</td><td>serializer registers the record's schema;
 *       when false it looks the schema up and fails if it is not registered</td></tr>
 *   <tr><td>{@value #USE_LATEST_VERSION}</td><td>false</td><td>serializer writes with the subject's latest
 *       schema (fetched once per serializer instance) instead of the record's own</td></tr>
 *   <tr><td>{@value #REMOVE_JAVA_PROPERTIES}</td><td>true</td><td>serializer registers and looks up the
 *       schema without Java-only properties ({@link JavaProperties}), so the generated class and its
 *       {@code .avsc}, registered by any client, share one id (Confluent's key; its default is false only to
 *       keep ids that older clients registered)</td></tr>
 *   <tr><td>{@value #SPECIFIC_AVRO_READER}</td><td>false</td><td>deserializer returns generated
 *       SpecificRecord classes instead of GenericRecord ({@link AvroSerdes} sets it)</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT_MS}</td><td>{@value RegistryClientConfig#DEFAULT_CONNECT_TIMEOUT_MS}</td>
 *       <td>registry TCP connect timeout</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT_MS}</td><td>{@value RegistryClientConfig#DEFAULT_REQUEST_TIMEOUT_MS}</td>
 *       <td>registry whole-request timeout</td></tr>
 * </table>
 *
 * @param registry where the registry is and how long to wait for it
 * @param autoRegister see {@value #AUTO_REGISTER_SCHEMAS}
 * @param useLatestVersion see {@value #USE_LATEST_VERSION}
 * @param specificReader see {@value #SPECIFIC_AVRO_READER}
 * @param removeJavaProperties see {@value #REMOVE_JAVA_PROPERTIES}
 */
public record AvroSerdeConfig(
    RegistryClientConfig registry,
    boolean autoRegister,
    boolean useLatestVersion,
    boolean specificReader,
    boolean removeJavaProperties) {

  /** Registry base URL(s). */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Whether the serializer registers schemas. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /** Whether the serializer writes with the subject's latest schema. */
  public static final String USE_LATEST_VERSION = "use.latest.version";

  /** Whether the deserializer returns SpecificRecord classes. */
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  /** Whether the serializer strips Java-only schema properties before registering or looking up. */
  public static final String REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";

  /** Registry connect timeout in milliseconds. */
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";

  /** Registry request timeout in milliseconds. */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  /** Validates every component. */
  public AvroSerdeConfig {
    Objects.requireNonNull(registry, "registry");
  }

  /**
   * Reads the keys above from {@code configs}; values may be strings or typed; the message names a
   * bad key.
   */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(
          "missing config "
              + SCHEMA_REGISTRY_URL
              + " (http://host:port[,http://...] or mock://scope)");
    }
    RegistryClientConfig registry;
    try {
      registry =
          new RegistryClientConfig(
              RegistryClientConfig.splitUrls(url.toString()),
              Duration.ofMillis(
                  longValue(
                      configs,
                      CONNECT_TIMEOUT_MS,
                      RegistryClientConfig.DEFAULT_CONNECT_TIMEOUT_MS)),
              Duration.ofMillis(
                  longValue(
                      configs,
                      REQUEST_TIMEOUT_MS,
                      RegistryClientConfig.DEFAULT_REQUEST_TIMEOUT_MS)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad schema registry config: " + e.getMessage(), e);
    }
    return new AvroSerdeConfig(
        registry,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, SPECIFIC_AVRO_READER, false),
        bool(configs, REMOVE_JAVA_PROPERTIES, true));
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
    Object v = configs.get(key);
    if (v == null) {
      return dflt;
    }
    String s = v.toString().trim();
    if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "config " + key + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(s);
  }

  private static long longValue(Map<String, ?> configs, String key, long dflt) {
    Object v = configs.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "config " + key + " must be an integer (ms), got '" + v + "'", e);
    }
  }
}
