package io.llmemb.devstack.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the KRaft log directory with {@code kafka.tools.StorageTool} in a child JVM (the tool
 * calls {@code System.exit}), once: an existing {@code meta.properties} keeps its cluster id so
 * restarts work.
 */
final class StorageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);
  private static final String META = "meta.properties";
  private static final long FORMAT_TIMEOUT_S = 120;

  private StorageFormatter() {}

  /**
   * Formats {@code config}'s log dir unless it is formatted already; returns whether it formatted.
   */
  static boolean formatIfNeeded(BrokerConfig config, String classpath) {
    if (Files.isRegularFile(config.logDir().resolve(META))) {
      LOG.debug("{} exists, keeping the cluster id", config.logDir().resolve(META));
      return false;
    }
    String clusterId = Uuid.randomUuid().toString();
    Path log = config.dataDir().resolve("format.log");
    List<String> cmd =
        List.of(
            JavaLauncher.executable(),
            "-Xmx256m",
            "-cp",
            classpath,
            "-Dlogback.configurationFile=" + BrokerLogging.configFile(config.dataDir()),
            "kafka.tools.StorageTool",
            "format",
            "-t",
            clusterId,
            "-c",
            config.serverPropertiesFile().toString());
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(FORMAT_TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BrokerStartException(
            "StorageTool did not finish in "
                + FORMAT_TIMEOUT_S
                + " s\n"
                + LogTail.of(log, LogTail.DEFAULT_LINES));
      }
      if (p.exitValue() != 0) {
        throw new BrokerStartException(
            "StorageTool format failed with exit code "
                + p.exitValue()
                + "\n"
                + LogTail.of(log, LogTail.DEFAULT_LINES));
      }
    } catch (IOException e) {
      throw new BrokerStartException("cannot run StorageTool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted while formatting " + config.logDir(), e);
    }
    LOG.info("formatted {} with cluster id {}", config.logDir(), clusterId);
    return true;
  }
}
