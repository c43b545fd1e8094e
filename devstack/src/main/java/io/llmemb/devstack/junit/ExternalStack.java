package io.llmemb.devstack.junit;

import io.llmemb.devstack.CloseableKafkaStack;
import io.llmemb.devstack.StackKind;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.registry.SchemaRegistryServer;
import java.time.Duration;
import java.util.Optional;

/**
 * A stack named from outside the test JVM: system property {@value #BOOTSTRAP_PROPERTY} (or env
 * {@value #BOOTSTRAP_ENV}) and optionally {@value #REGISTRY_PROPERTY} (or env {@value
 * #REGISTRY_ENV}). Without a registry URL our registry is started in-process against the external
 * broker.
 */
public final class ExternalStack {

  /** System property naming an external broker. */
  public static final String BOOTSTRAP_PROPERTY = "llmemb.kafka.bootstrap.servers";

  /** Environment variable naming an external broker. */
  public static final String BOOTSTRAP_ENV = "LLMEMB_KAFKA_BOOTSTRAP_SERVERS";

  /** System property naming an external schema registry. */
  public static final String REGISTRY_PROPERTY = "llmemb.schema.registry.url";

  /** Environment variable naming an external schema registry. */
  public static final String REGISTRY_ENV = "LLMEMB_SCHEMA_REGISTRY_URL";

  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private ExternalStack() {}

  /** The external stack when one is configured; topics are created if missing. */
  public static Optional<CloseableKafkaStack> fromEnvironment() {
    Optional<String> bootstrap = setting(BOOTSTRAP_PROPERTY, BOOTSTRAP_ENV);
    if (bootstrap.isEmpty()) {
      return Optional.empty();
    }
    TopicCreator.createAll(bootstrap.get(), TopicCreator.DEFAULT_PARTITIONS, TOPIC_TIMEOUT);
    Optional<String> registryUrl = setting(REGISTRY_PROPERTY, REGISTRY_ENV);
    if (registryUrl.isPresent()) {
      return Optional.of(
          new RunningStack(bootstrap.get(), registryUrl.get(), StackKind.EXTERNAL, () -> {}));
    }
    SchemaRegistryServer registry = SchemaRegistryServer.start(bootstrap.get(), "localhost", 0);
    return Optional.of(
        new RunningStack(bootstrap.get(), registry.url(), StackKind.EXTERNAL, registry));
  }

  private static Optional<String> setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
