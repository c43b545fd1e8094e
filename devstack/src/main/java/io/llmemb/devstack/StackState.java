package io.llmemb.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code devstack start} wrote into its data dir so {@code stop} and {@code status}
 * can find it.
 *
 * @param launcherPid pid of the {@code devstack start} JVM (hosts the registry)
 * @param brokerPid pid of the broker child JVM
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry base URL
 */
public record StackState(
    long launcherPid, long brokerPid, String bootstrapServers, String schemaRegistryUrl) {

  /** File name inside the data dir. */
  public static final String FILE = "devstack.properties";

  /** Validates the components. */
  public StackState {
    if (launcherPid < 1 || brokerPid < 1) {
      throw new IllegalArgumentException(
          "pids must be positive, were " + launcherPid + " and " + brokerPid);
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
      throw new IllegalArgumentException("schemaRegistryUrl must not be blank");
    }
  }

  /** Writes the state into {@code dataDir}. */
  public void write(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("pid", String.valueOf(launcherPid));
    p.setProperty("broker.pid", String.valueOf(brokerPid));
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("schema.registry.url", schemaRegistryUrl);
    try (Writer w = Files.newBufferedWriter(dataDir.resolve(FILE))) {
      p.store(w, "running devstack; removed on clean stop");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /**
   * The state in {@code dataDir}, if a stack wrote one; a malformed file is an error naming the
   * file.
   */
  public static Optional<StackState> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
      return Optional.of(
          new StackState(
              Long.parseLong(p.getProperty("pid", "0")),
              Long.parseLong(p.getProperty("broker.pid", "0")),
              p.getProperty("bootstrap.servers"),
              p.getProperty("schema.registry.url")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("malformed " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes the state file, if present. */
  public static void delete(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dataDir.resolve(FILE), e);
    }
  }

  /** Whether a process with {@code pid} is alive. */
  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
