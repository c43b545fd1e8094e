package io.llmemb.devstack;

import io.llmemb.devstack.broker.BrokerConfig;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.devstack.broker.KafkaBrokerProcess;
import io.llmemb.devstack.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's stack: a locked data dir, a {@link KafkaBrokerProcess} child JVM, the architecture's
 * topics and a {@link SchemaRegistryServer} in this JVM. {@link #close()} stops everything and
 * removes the state file.
 */
public final class DevStack implements CloseableKafkaStack {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);
  private static final String LOCK_FILE = "devstack.lock";
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final DevStackOptions options;
  private final FileChannel lockChannel;
  private final KafkaBrokerProcess broker;
  private final SchemaRegistryServer registry;

  private DevStack(
      DevStackOptions options,
      FileChannel lockChannel,
      KafkaBrokerProcess broker,
      SchemaRegistryServer registry) {
    this.options = options;
    this.lockChannel = lockChannel;
    this.broker = broker;
    this.registry = registry;
  }

  /**
   * Starts broker, topics and registry; fails with a clear message when the data dir is in use by
   * another stack or a port is taken, and stops whatever it had started.
   */
  public static DevStack start(DevStackOptions o) {
    FileChannel lock = lock(o);
    KafkaBrokerProcess broker = null;
    try {
      requireNoOrphan(o);
      int brokerPort = requireFree(o.host(), FreePorts.orFree(o.brokerPort()), "Kafka");
      int controllerPort =
          requireFree(o.host(), FreePorts.orFree(o.controllerPort()), "KRaft controller");
      int registryPort =
          requireFree(o.host(), FreePorts.orFree(o.registryPort()), "schema registry");
      broker =
          KafkaBrokerProcess.start(
              new BrokerConfig(o.dataDir(), o.host(), brokerPort, controllerPort, o.brokerHeapMb()),
              o.readyTimeout());
      TopicCreator.createAll(broker.bootstrapServers(), o.partitions(), TOPIC_TIMEOUT);
      SchemaRegistryServer registry =
          SchemaRegistryServer.start(broker.bootstrapServers(), o.host(), registryPort);
      DevStack stack = new DevStack(o, lock, broker, registry);
      new StackState(
              ProcessHandle.current().pid(),
              broker.pid(),
              stack.bootstrapServers(),
              stack.schemaRegistryUrl())
          .write(o.dataDir());
      return stack;
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.stop();
      }
      release(lock);
      throw e;
    }
  }

  private static FileChannel lock(DevStackOptions o) {
    try {
      Files.createDirectories(o.dataDir());
      FileChannel channel =
          FileChannel.open(
              o.dataDir().resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "another devstack is running on "
                + o.dataDir()
                + StackState.read(o.dataDir()).map(s -> " (pid " + s.launcherPid() + ")").orElse("")
                + "; stop it with `devstack stop`");
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + o.dataDir().resolve(LOCK_FILE), e);
    }
  }

  /**
   * A launcher killed with SIGKILL cannot stop its broker; say so instead of failing on a taken
   * port.
   */
  private static void requireNoOrphan(DevStackOptions o) {
    StackState.read(o.dataDir())
        .filter(s -> StackState.alive(s.brokerPid()))
        .ifPresent(
            s -> {
              throw new IllegalStateException(
                  "the broker of an earlier run on "
                      + o.dataDir()
                      + " (pid "
                      + s.brokerPid()
                      + ") is still running; stop it with `devstack stop`");
            });
  }

  /** Null when another process, or this JVM (OverlappingFileLockException), holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static int requireFree(String host, int port, String what) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, port));
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " port "
              + host
              + ":"
              + port
              + " is in use ("
              + e.getMessage()
              + "); pick another with the port options or stop whatever listens there");
    }
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return registry.url();
  }

  @Override
  public StackKind kind() {
    return StackKind.CHILD_PROCESS;
  }

  /** The broker child process (pid, log file). */
  public KafkaBrokerProcess broker() {
    return broker;
  }

  /**
   * Stops registry, then broker; removes the state file and releases the data-dir lock. Idempotent.
   */
  @Override
  public synchronized void close() {
    try {
      registry.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the registry failed", e);
    }
    broker.stop();
    StackState.delete(options.dataDir());
    release(lockChannel);
  }

  private static void release(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("releasing the data-dir lock failed", e);
    }
  }
}
