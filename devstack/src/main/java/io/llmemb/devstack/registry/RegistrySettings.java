package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SchemaRegistryServer} connects and serves: the Kafka cluster and client properties
 * (security settings) of its store, the store topic, the compatibility level used while none was
 * set through {@code PUT /config}, and the HTTP address.
 *
 * @param bootstrapServers the Kafka cluster holding the store topic
 * @param host address to bind ({@code 0.0.0.0} for every interface)
 * @param port HTTP port, 0 picks a free one
 * @param topic the compacted single-partition store topic, created when missing
 * @param topicReplicationFactor replication factor used when the topic is created
 * @param defaultLevel the global compatibility level while {@code _schemas} holds no global config
 * @param clientProperties extra Kafka client properties for every client of the store (e.g. {@code
 *     security.protocol}); bootstrap servers and the store's own settings win over them
 * @param storeTimeout bound of each Kafka operation of the store
 */
public record RegistrySettings(
    String bootstrapServers,
    String host,
    int port,
    String topic,
    short topicReplicationFactor,
    CompatibilityLevel defaultLevel,
    Map<String, Object> clientProperties,
    Duration storeTimeout) {

  /** Store topic of Confluent's registry, and ours unless told otherwise. */
  public static final String DEFAULT_TOPIC = "_schemas";

  /** Validates and copies. */
  public RegistrySettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(defaultLevel, "defaultLevel");
    Objects.requireNonNull(storeTimeout, "storeTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (topic.isBlank()) {
      throw new IllegalArgumentException("the store topic name is blank");
    }
    if (topicReplicationFactor < 1) {
      throw new IllegalArgumentException(
          "the store topic's replication factor must be at least 1, was " + topicReplicationFactor);
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * The settings devstack and the test stacks use: {@code _schemas}, replication factor 1, the
   * project's default level, no client security, {@link
   * SchemaRegistryServer#DEFAULT_STORE_TIMEOUT}.
   */
  public static RegistrySettings of(String bootstrapServers, String host, int port) {
    return new RegistrySettings(
        bootstrapServers,
        host,
        port,
        DEFAULT_TOPIC,
        (short) 1,
        CompatibilityLevels.DEFAULT,
        Map.of(),
        SchemaRegistryServer.DEFAULT_STORE_TIMEOUT);
  }

  /** The same settings with another bound for Kafka operations. */
  public RegistrySettings withStoreTimeout(Duration timeout) {
    return new RegistrySettings(
        bootstrapServers,
        host,
        port,
        topic,
        topicReplicationFactor,
        defaultLevel,
        clientProperties,
        timeout);
  }
}
