package io.llmemb.devstack.broker;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of the single-node KRaft broker (combined broker + controller) and the {@code
 * server.properties} they become. Every replication factor is 1 and the transaction log accepts one
 * in-sync replica, so exactly-once producers and Kafka Streams {@code exactly_once_v2} work on one
 * broker.
 *
 * @param dataDir directory holding {@code server.properties}, the log dirs and the broker log
 * @param host host name of both listeners (clients connect to it)
 * @param port client (PLAINTEXT) port
 * @param controllerPort KRaft controller port
 * @param heapMb maximum heap of the broker JVM in MiB
 */
public record BrokerConfig(Path dataDir, String host, int port, int controllerPort, int heapMb) {

  /** Node id of the only node; also its controller voter id. */
  public static final int NODE_ID = 1;

  /** Default heap: the platform notes measured 370–400 MB RSS with 512m. */
  public static final int DEFAULT_HEAP_MB = 512;

  private static final int MIN_HEAP_MB = 128;
  private static final String SERVER_PROPERTIES = "server.properties";
  private static final String LOG_DIR = "kafka-logs";

  /** Validates every component; ports must be concrete (pick free ones with {@link FreePorts}). */
  public BrokerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    checkPort("port", port);
    checkPort("controllerPort", controllerPort);
    if (port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
    }
    if (heapMb < MIN_HEAP_MB) {
      throw new IllegalArgumentException("heapMb must be >= " + MIN_HEAP_MB + ", was " + heapMb);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  private static void checkPort(String name, int value) {
    if (value < 1 || value > 65_535) {
      throw new IllegalArgumentException(name + " must be in 1..65535, was " + value);
    }
  }

  /** A config on localhost with free ports under {@code dataDir}. */
  public static BrokerConfig onFreePorts(Path dataDir) {
    int[] ports = FreePorts.pick(2);
    return new BrokerConfig(dataDir, "localhost", ports[0], ports[1], DEFAULT_HEAP_MB);
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** Directory of the partition logs and {@code meta.properties}. */
  public Path logDir() {
    return dataDir.resolve(LOG_DIR);
  }

  /** Where {@link #write()} puts the broker's configuration. */
  public Path serverPropertiesFile() {
    return dataDir.resolve(SERVER_PROPERTIES);
  }

  /** The broker configuration; static voters, so a restart on other ports needs no re-format. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    // One node: 50 offsets partitions (the default) only slow the first consumer group join down.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Kafka's own default: a client of any language producing to a new scratch topic just works
    // (librdkafka
    // otherwise waits out message.timeout.ms). The project's topics are still created up front with
    // their
    // partitions and cleanup policy; auto-created ones get num.partitions (1).
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("log.retention.hours", "168");
    return p;
  }

  /** Writes {@code server.properties} (overwriting it: ports may change between runs). */
  public Path write() throws IOException {
    Files.createDirectories(dataDir);
    Path file = serverPropertiesFile();
    try (Writer w = Files.newBufferedWriter(file)) {
      toProperties().store(w, "written by io.llmemb.devstack; regenerated on every start");
    }
    return file;
  }
}
