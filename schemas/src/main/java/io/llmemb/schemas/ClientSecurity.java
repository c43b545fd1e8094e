package io.llmemb.schemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka client security settings every service passes to every client it builds (consumers,
 * producers, admin, Streams, dead-letter producers). Services read them from {@code kafka.*} in
 * their {@code application.yml} (environment {@code KAFKA_SECURITY_PROTOCOL}, {@code
 * KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION},
 * {@code KAFKA_SSL_TRUSTSTORE_PASSWORD}); blank values are left out so the client defaults
 * (PLAINTEXT) apply. SASL/SCRAM over TLS is {@code SASL_SSL} + {@code SCRAM-SHA-512} + a {@code
 * ScramLoginModule} JAAS line.
 */
public final class ClientSecurity {

  /** Client config keys this class passes on, in the order Kafka documents them. */
  public static final List<String> KEYS =
      List.of(
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.truststore.type",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.key.password",
          "ssl.endpoint.identification.algorithm");

  private ClientSecurity() {}

  /**
   * The non-blank security entries of {@code flat} (keys as Kafka spells them, e.g. {@code
   * security.protocol}).
   */
  public static Map<String, Object> select(Map<String, ?> flat) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : KEYS) {
      Object v = flat.get(key);
      if (v != null && !v.toString().isBlank()) {
        out.put(key, v.toString());
      }
    }
    return out;
  }
}
