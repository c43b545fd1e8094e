package io.llmemb.devstack.cli;

import io.llmemb.devstack.DevStack;
import io.llmemb.devstack.DevStackOptions;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.broker.BrokerConfig;
import io.llmemb.devstack.broker.KafkaBrokerProcess;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Starts the stack in the foreground; Ctrl-C (or {@code devstack stop}) stops broker and registry
 * cleanly.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Start broker + registry (foreground).")
final class StartCommand implements Callable<Integer> {

  @Mixin private DataDirOption data;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      description = "Listen / advertised host (${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      defaultValue = "" + DevStackOptions.DEFAULT_BROKER_PORT,
      description = "Kafka port, 0 = free port (${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--controller-port",
      defaultValue = "" + DevStackOptions.DEFAULT_CONTROLLER_PORT,
      description = "KRaft controller port, 0 = free port (${DEFAULT-VALUE}).")
  private int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "" + DevStackOptions.DEFAULT_REGISTRY_PORT,
      description = "Schema registry port, 0 = free port (${DEFAULT-VALUE}).")
  private int registryPort;

  @Option(
      names = "--partitions",
      defaultValue = "" + TopicCreator.DEFAULT_PARTITIONS,
      description = "Partitions per created topic (${DEFAULT-VALUE}).")
  private int partitions;

  @Option(
      names = "--broker-heap-mb",
      defaultValue = "" + BrokerConfig.DEFAULT_HEAP_MB,
      description = "Broker JVM heap in MiB (${DEFAULT-VALUE}).")
  private int heapMb;

  @Option(
      names = "--ready-timeout-s",
      defaultValue = "90",
      description = "Broker start bound (${DEFAULT-VALUE} s).")
  private long readyTimeoutS;

  @Override
  public Integer call() throws InterruptedException {
    long t0 = System.nanoTime();
    DevStackOptions options =
        new DevStackOptions(
            data.dataDir,
            host,
            port,
            controllerPort,
            registryPort,
            partitions,
            heapMb,
            Duration.ofSeconds(readyTimeoutS));
    DevStack stack = DevStack.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "devstack-stop"));
    KafkaBrokerProcess broker = stack.broker();
    System.out.println("bootstrap.servers=" + stack.bootstrapServers());
    System.out.println("schema.registry.url=" + stack.schemaRegistryUrl());
    System.out.printf(
        "ready in %d ms; broker pid %d (log %s); registry pid %d; Ctrl-C or `devstack stop` stops%n",
        (System.nanoTime() - t0) / 1_000_000,
        broker.pid(),
        broker.logFile(),
        ProcessHandle.current().pid());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
