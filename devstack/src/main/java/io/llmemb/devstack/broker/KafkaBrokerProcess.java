package io.llmemb.devstack.broker;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker ({@code kafka.Kafka} from the {@code kafka_2.13} jars)
 * running in a child JVM. The storage is formatted once; the broker log goes to {@code
 * <dataDir>/broker.log}; a shutdown hook stops the child when the parent exits, so no broker
 * outlives its launcher.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** Default bound for launch → ready; the platform notes measured ≈ 4 s. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(90);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
  private static final String LOG_FILE = "broker.log";
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final BrokerConfig config;
  private final Process process;
  private final Thread shutdownHook;

  private KafkaBrokerProcess(BrokerConfig config, Process process) {
    this.config = config;
    this.process = process;
    this.shutdownHook = new Thread(this::stopQuietly, "devstack-broker-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Writes the config, formats storage if needed, launches the broker and waits until it serves
   * requests.
   *
   * @throws BrokerStartException with the broker's log tail when it exits or is not ready within
   *     the timeout
   */
  public static KafkaBrokerProcess start(BrokerConfig config, Duration readyTimeout) {
    long t0 = System.nanoTime();
    String classpath = ChildClasspath.resolve();
    try {
      config.write();
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot write " + config.serverPropertiesFile() + ": " + e.getMessage(), e);
    }
    StorageFormatter.formatIfNeeded(config, classpath);
    Path log = config.dataDir().resolve(LOG_FILE);
    List<String> cmd =
        List.of(
            JavaLauncher.executable(),
            "-Xmx" + config.heapMb() + "m",
            "-cp",
            classpath,
            "-Djava.awt.headless=true",
            "-Dkafka.logs.dir=" + config.dataDir(),
            "-Dlogback.configurationFile=" + BrokerLogging.configFile(config.dataDir()),
            "kafka.Kafka",
            config.serverPropertiesFile().toString());
    Process process;
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new BrokerStartException("cannot launch the broker JVM: " + e.getMessage(), e);
    }
    KafkaBrokerProcess broker = new KafkaBrokerProcess(config, process);
    LOG.info(
        "broker pid {} starting on {} (log {})", process.pid(), config.bootstrapServers(), log);
    if (!BrokerReadiness.await(config.bootstrapServers(), readyTimeout, process::isAlive)) {
      String why =
          process.isAlive()
              ? "not ready within " + readyTimeout.toSeconds() + " s"
              : "exited with code " + process.exitValue();
      broker.stop();
      throw new BrokerStartException(
          "Kafka broker on "
              + config.bootstrapServers()
              + " "
              + why
              + "\n"
              + LogTail.of(log, LogTail.DEFAULT_LINES));
    }
    LOG.info("broker pid {} ready in {} ms", process.pid(), (System.nanoTime() - t0) / 1_000_000);
    return broker;
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** Operating-system id of the broker JVM. */
  public long pid() {
    return process.pid();
  }

  /** Whether the broker JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The configuration the broker was started with. */
  public BrokerConfig config() {
    return config;
  }

  /** Path of the broker's log file. */
  public Path logFile() {
    return config.dataDir().resolve(LOG_FILE);
  }

  /** SIGTERM (controlled shutdown), wait up to 30 s, then SIGKILL; idempotent. */
  public void stop() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is the caller, or will run and find the process gone.
    }
    stopQuietly();
  }

  private void stopQuietly() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn(
            "broker pid {} ignored SIGTERM for {} s, killing it",
            process.pid(),
            STOP_GRACE.toSeconds());
        process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
