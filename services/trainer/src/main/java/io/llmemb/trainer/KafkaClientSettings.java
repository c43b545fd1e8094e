package io.llmemb.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The settings every Kafka client of the trainer shares ({@code kafka.*} in application.yml):
 * bootstrap servers and the security settings. A blank value means "not set" because
 * application.yml defaults the environment variables to empty; passing an empty {@code
 * sasl.mechanism} or truststore path to a client would make it fail to start.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}
 * @param securityProtocol {@code kafka.security.protocol} (PLAINTEXT, SSL, SASL_PLAINTEXT,
 *     SASL_SSL)
 * @param saslMechanism {@code kafka.sasl.mechanism} (e.g. SCRAM-SHA-512)
 * @param saslJaasConfig {@code kafka.sasl.jaas.config}
 * @param truststoreLocation {@code kafka.ssl.truststore.location}
 * @param truststorePassword {@code kafka.ssl.truststore.password}
 */
public record KafkaClientSettings(
    String bootstrapServers,
    String securityProtocol,
    String saslMechanism,
    String saslJaasConfig,
    String truststoreLocation,
    String truststorePassword) {

  /** Only bootstrap servers (PLAINTEXT). */
  public static KafkaClientSettings plaintext(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, null, null, null, null, null);
  }

  /** The client config: bootstrap servers plus each security setting that is set. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    putIfSet(out, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
    putIfSet(out, SaslConfigs.SASL_MECHANISM, saslMechanism);
    putIfSet(out, SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
    putIfSet(out, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststoreLocation);
    putIfSet(out, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
    return out;
  }

  /**
   * A record prints every component; the JAAS config and the truststore password are secrets, so
   * masked.
   */
  @Override
  public String toString() {
    return "KafkaClientSettings[bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + securityProtocol
        + ", saslMechanism="
        + saslMechanism
        + ", saslJaasConfig="
        + mask(saslJaasConfig)
        + ", truststoreLocation="
        + truststoreLocation
        + ", truststorePassword="
        + mask(truststorePassword)
        + "]";
  }

  private static void putIfSet(Map<String, Object> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.put(key, value.trim());
    }
  }

  private static String mask(String secret) {
    return secret == null || secret.isBlank() ? "<unset>" : "<set>";
  }
}
