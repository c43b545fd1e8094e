package io.llmemb.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services as child JVMs against one stack: embedding-worker, trainer and serving.
 *
 * <p>Child processes rather than Micronaut contexts side by side in one JVM: the three apps share
 * packages of beans ({@code @Context} Kafka Streams, a scheduled trainer, a worker loop) and each
 * ships its own {@code application.yml}, so in one classpath every context would start every
 * service's beans; separate JVMs run each service exactly as it is deployed (own classpath, env-var
 * config, port, log), and a crash of one is seen, not shared.
 */
final class DemoServices implements AutoCloseable {

  /** Model name the trainer releases under and serving serves. */
  static final String MODEL_NAME = "llmemb-demo";

  /**
   * How long serving treats an item as young (may take an exploration slot) in the demo: long
   * enough for one new-item probe, short enough that the replayed catalogue ages out first.
   */
  static final Duration NEW_ITEM_MAX_AGE = Duration.ofSeconds(15);

  /** The services, in start order; each logs to {@code <workDir>/logs/<name>.log}. */
  static final List<String> NAMES = List.of("embedding-worker", "trainer", "serving");

  /**
   * What a small, quick run needs; every value is an env var of the service's application.yml.
   *
   * @param trainer trainer env (backbone size, epochs, schedule, gate)
   * @param worker embedding-worker env
   * @param serving serving env
   */
  record Settings(
      Map<String, String> trainer, Map<String, String> worker, Map<String, String> serving) {

    /**
     * A tiny fused SASRec (the default model) trained on whatever has been replayed; releases
     * whenever asked to (demo gate).
     */
    static Settings small(long minNewInteractions) {
      Map<String, String> trainer =
          new HashMap<>(
              Map.ofEntries(
                  Map.entry("VARIANT", "fused"),
                  Map.entry("BACKBONE", "sasrec"),
                  Map.entry("HIDDEN", "16"),
                  Map.entry("BLOCKS", "1"),
                  Map.entry("HEADS", "1"),
                  Map.entry("MAX_LEN", "20"),
                  Map.entry("EPOCHS", "8"),
                  Map.entry("PATIENCE", "3"),
                  Map.entry("PCA_COMPONENTS", "32"),
                  Map.entry("BATCH_SIZE", "64"),
                  Map.entry("THREADS", "1"),
                  Map.entry("CHECK_INTERVAL", "3s"),
                  Map.entry("INITIAL_DELAY", "3s"),
                  // a few thousand replayed ratings leave too few 5-core items for 100 sampled
                  // negatives per user
                  Map.entry("USER_CORE", "5"),
                  Map.entry("ITEM_CORE", "1"),
                  Map.entry("MIN_NEW_INTERACTIONS", String.valueOf(minNewInteractions)),
                  // the demo shows swaps; a real deployment keeps the default margin
                  Map.entry("GATE_MARGIN", "1.0")));
      Map<String, String> worker =
          new HashMap<>(Map.of("THREADS", "1", "BATCH_SIZE", "64", "MAX_WAIT", "50ms"));
      Map<String, String> serving =
          new HashMap<>(
              Map.of(
                  "TOP_K",
                  "10",
                  "STREAM_THREADS",
                  "1",
                  "NEW_ITEM_SLOTS",
                  "1",
                  // the whole replayed catalogue was embedded a minute ago, so under the default 1
                  // h
                  // its items the model was not trained on would compete with the brand-new ones
                  // for
                  // the slot; the demo waits this long after the last embedding before each new
                  // item
                  "NEW_ITEM_MAX_AGE",
                  NEW_ITEM_MAX_AGE.toSeconds() + "s"));
      return new Settings(trainer, worker, serving);
    }
  }

  private final List<ServiceProcess> processes = new ArrayList<>();
  private final int servingPort;

  private DemoServices(int servingPort) {
    this.servingPort = servingPort;
  }

  /**
   * Starts the three services and waits until each answers {@code /health}.
   *
   * @param basePort worker on {@code basePort}, trainer {@code +1}, serving {@code +2}
   * @param workDir model store, Streams state and logs live under it
   */
  static DemoServices start(
      Path projectRoot,
      String bootstrapServers,
      String registryUrl,
      Path workDir,
      int basePort,
      Settings settings,
      Duration startTimeout)
      throws IOException, InterruptedException {
    Map<String, String> common =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrapServers,
            "SCHEMA_REGISTRY_URL",
            registryUrl,
            "MODEL_NAME",
            MODEL_NAME,
            "MODEL_STORE",
            workDir.resolve("models").toAbsolutePath().toString(),
            // The log files are for a person reading them; deployments keep the default JSON.
            "LOG_APPENDER",
            "TEXT");
    Path logs = workDir.resolve("logs");
    DemoServices services = new DemoServices(basePort + 2);
    // a killed demo or test JVM must not leave service JVMs behind
    Runtime.getRuntime().addShutdownHook(new Thread(services::close, "demo-services-stop"));
    try {
      services.processes.add(
          ServiceProcess.start(
              projectRoot,
              new ServiceProcess.Spec(
                  "embedding-worker",
                  "embedding-worker",
                  "io.llmemb.embeddingworker.Application",
                  basePort,
                  merge(common, settings.worker()),
                  "1g"),
              logs));
      services.processes.add(
          ServiceProcess.start(
              projectRoot,
              new ServiceProcess.Spec(
                  "trainer",
                  "trainer",
                  "io.llmemb.trainer.Application",
                  basePort + 1,
                  merge(common, settings.trainer()),
                  "1g"),
              logs));
      Map<String, String> serving = merge(common, settings.serving());
      serving.putIfAbsent(
          "STATE_DIR", workDir.resolve("serving-state").toAbsolutePath().toString());
      serving.putIfAbsent("APPLICATION_ID", "llmemb-demo-serving");
      services.processes.add(
          ServiceProcess.start(
              projectRoot,
              new ServiceProcess.Spec(
                  "serving",
                  "serving",
                  "io.llmemb.serving.Application",
                  basePort + 2,
                  serving,
                  "768m"),
              logs));
      for (ServiceProcess p : services.processes) {
        p.awaitLive(startTimeout);
        System.out.printf("service %s is up (log: %s)%n", p.name(), p.log());
      }
      return services;
    } catch (IOException | InterruptedException | RuntimeException e) {
      services.close();
      throw e;
    }
  }

  int servingPort() {
    return servingPort;
  }

  /** Log file of each service, by name. */
  static Map<String, Path> logs(Path workDir) {
    Path logs = workDir.resolve("logs");
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    for (String name : NAMES) {
      files.put(name, logs.resolve(name + ".log"));
    }
    return files;
  }

  private static Map<String, String> merge(Map<String, String> common, Map<String, String> own) {
    Map<String, String> env = new HashMap<>(common);
    env.putAll(own);
    return env;
  }

  @Override
  public void close() {
    // serving first: it is the one with transactions in flight
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }
}
