package io.llmemb.bench.reliability;

import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.broker.BrokerConfig;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.devstack.broker.KafkaBrokerProcess;
import io.llmemb.devstack.registry.SchemaRegistryServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real single-node KRaft broker (a child JVM) and the schema registry, on free ports, with
 * every topic of the architecture. The broker can be restarted on the same ports and log dirs,
 * which is what a rolling restart or a crashed broker pod looks like to the clients.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration TOPICS = Duration.ofSeconds(60);

  private final BrokerConfig config;
  private volatile KafkaBrokerProcess broker;
  private final SchemaRegistryServer registry;

  private LocalCluster(
      BrokerConfig config, KafkaBrokerProcess broker, SchemaRegistryServer registry) {
    this.config = config;
    this.broker = broker;
    this.registry = registry;
  }

  /**
   * Starts the broker, creates every topic with {@code partitions} partitions, starts the registry.
   */
  public static LocalCluster start(Path dataDir, int partitions) {
    BrokerConfig config = BrokerConfig.onFreePorts(dataDir);
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(config, READY);
    try {
      TopicCreator.createAll(broker.bootstrapServers(), partitions, TOPICS);
      SchemaRegistryServer registry =
          SchemaRegistryServer.start(broker.bootstrapServers(), "localhost", FreePorts.pick(1)[0]);
      return new LocalCluster(config, broker, registry);
    } catch (RuntimeException e) {
      broker.stop();
      throw e;
    }
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  Path brokerLog() {
    return config.dataDir().resolve("broker.log");
  }

  /**
   * Stops the broker (SIGTERM: controlled shutdown) and starts it again on the same ports and data;
   * the registry stays up and its clients reconnect, as the services' do.
   */
  void restartBroker() {
    broker.stop();
    broker = KafkaBrokerProcess.start(config, READY);
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.stop();
    }
  }
}
