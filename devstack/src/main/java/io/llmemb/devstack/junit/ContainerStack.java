package io.llmemb.devstack.junit;

import io.llmemb.devstack.CloseableKafkaStack;
import io.llmemb.devstack.StackKind;
import io.llmemb.devstack.TopicCreator;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers stack: the Apache Kafka image (same version as our jars) and the real Confluent
 * Schema Registry image on a shared network, so our client serde is checked against the genuine
 * registry. Needs Docker; callers check {@link DockerProbe} first.
 */
public final class ContainerStack {

  /** Kafka image; the version follows the project's Kafka jars. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

  /** Confluent Platform 8.0 is the Kafka 4.0 line. */
  public static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.0.0";

  private static final String KAFKA_ALIAS = "kafka";
  private static final String INTERNAL_LISTENER = KAFKA_ALIAS + ":19092";
  private static final int REGISTRY_PORT = 8081;
  private static final Duration STARTUP = Duration.ofMinutes(3);

  private ContainerStack() {}

  /** Starts both containers and creates the topics; {@code close()} stops them and the network. */
  public static CloseableKafkaStack start() {
    Network network = Network.newNetwork();
    KafkaContainer kafka =
        new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withNetwork(network)
            .withNetworkAliases(KAFKA_ALIAS)
            .withListener(INTERNAL_LISTENER);
    GenericContainer<?> registry =
        new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
            .withNetwork(network)
            .withExposedPorts(REGISTRY_PORT)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
            .withEnv(
                "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + INTERNAL_LISTENER)
            .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward_transitive")
            .dependsOn(kafka)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(STARTUP));
    try {
      kafka.start();
      registry.start();
      TopicCreator.createAll(
          kafka.getBootstrapServers(), TopicCreator.DEFAULT_PARTITIONS, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      registry.stop();
      kafka.stop();
      network.close();
      throw e;
    }
    String url = "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    return new RunningStack(
        kafka.getBootstrapServers(),
        url,
        StackKind.CONTAINERS,
        () -> {
          registry.stop();
          kafka.stop();
          network.close();
        });
  }
}
