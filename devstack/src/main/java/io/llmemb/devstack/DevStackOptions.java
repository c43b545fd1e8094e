package io.llmemb.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a CLI-started stack. Port 0 means "pick a free one".
 *
 * @param dataDir broker data, logs, lock and state file
 * @param host interface and advertised host of both servers
 * @param brokerPort Kafka client port
 * @param controllerPort KRaft controller port
 * @param registryPort schema registry HTTP port
 * @param partitions partitions of each created data topic and DLQ
 * @param brokerHeapMb broker JVM heap
 * @param readyTimeout bound on broker launch → ready
 */
public record DevStackOptions(
    Path dataDir,
    String host,
    int brokerPort,
    int controllerPort,
    int registryPort,
    int partitions,
    int brokerHeapMb,
    Duration readyTimeout) {

  /** Default data dir, relative to the working directory (git-ignored). */
  public static final String DEFAULT_DATA_DIR = ".devstack";

  /** Default Kafka port. */
  public static final int DEFAULT_BROKER_PORT = 9092;

  /** Default controller port. */
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  /** Default registry port (Confluent's). */
  public static final int DEFAULT_REGISTRY_PORT = 8081;

  /** Validates the components. */
  public DevStackOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    for (int port : new int[] {brokerPort, controllerPort, registryPort}) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("ports must be in 0..65535, got " + port);
      }
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }
}
