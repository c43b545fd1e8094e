package io.llmemb.bench.reliability;

import io.llmemb.demo.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The services under test as child JVMs: one embedding worker and {@code n} serving instances of
 * one Streams application, each with its own state dir that survives its kills. {@link #close}
 * stops every one of them.
 */
public final class Fleet implements AutoCloseable {

  static final String APPLICATION_ID = "llmemb-reliability-serving";
  static final String MODEL_NAME = "llmemb-reliability";

  private final ServiceProcess worker;
  private final List<ServiceProcess> serving;
  private final Thread shutdownHook = new Thread(this::stopAll, "reliability-fleet-stop");

  private Fleet(ServiceProcess worker, List<ServiceProcess> serving) {
    this.worker = worker;
    this.serving = serving;
    // Ctrl-C or a killed test JVM must not leave service JVMs behind.
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Launches every service; {@link #awaitHealthy} waits for them. On failure, stops what it
   * launched.
   */
  static Fleet start(
      RunSpec spec, String bootstrap, String registryUrl, Path modelStore, int[] ports)
      throws IOException {
    Path logs = spec.workDir().resolve("logs");
    Map<String, String> common = commonEnv(bootstrap, registryUrl, MODEL_NAME, modelStore);
    List<ServiceProcess> started = new ArrayList<>();
    try {
      Map<String, String> workerEnv = new HashMap<>(common);
      workerEnv.putAll(
          Map.of(
              "THREADS",
              "1",
              "BATCH_SIZE",
              "16",
              "MAX_WAIT",
              "50ms",
              "WORKER_GROUP_ID",
              "llmemb-reliability-worker"));
      ServiceProcess worker =
          ServiceProcess.start(
              spec.projectRoot(),
              new ServiceProcess.Spec(
                  "embedding-worker",
                  "embedding-worker",
                  "io.llmemb.embeddingworker.Application",
                  ports[0],
                  workerEnv,
                  "768m"),
              logs);
      started.add(worker);
      List<ServiceProcess> serving = new ArrayList<>();
      for (int i = 0; i < spec.servingInstances(); i++) {
        Map<String, String> env =
            servingEnv(
                bootstrap,
                registryUrl,
                MODEL_NAME,
                modelStore,
                APPLICATION_ID,
                RunSpec.TOP_K,
                RunSpec.MAX_SEQ_LEN,
                spec.workDir().resolve("state").resolve("serving-" + i));
        String instance = String.valueOf(i);
        spec.servingEnv().forEach((k, v) -> env.put(k, v.replace("{instance}", instance)));
        ServiceProcess jvm =
            ServiceProcess.start(
                spec.projectRoot(),
                new ServiceProcess.Spec(
                    "serving-" + i,
                    "serving",
                    "io.llmemb.serving.Application",
                    ports[1 + i],
                    env,
                    "512m"),
                logs);
        started.add(jvm);
        serving.add(jvm);
      }
      return new Fleet(worker, serving);
    } catch (IOException | RuntimeException e) {
      started.forEach(ServiceProcess::close);
      throw e;
    }
  }

  /**
   * The environment of one serving instance of application {@code applicationId} with one stream
   * thread, serving releases of {@code modelName} from {@code modelStore}.
   */
  public static Map<String, String> servingEnv(
      String bootstrap,
      String registryUrl,
      String modelName,
      Path modelStore,
      String applicationId,
      int topK,
      int maxSeqLen,
      Path stateDir) {
    Map<String, String> env =
        new HashMap<>(commonEnv(bootstrap, registryUrl, modelName, modelStore));
    env.putAll(
        Map.of(
            "APPLICATION_ID",
            applicationId,
            "TOP_K",
            String.valueOf(topK),
            "MAX_SEQ_LEN",
            String.valueOf(maxSeqLen),
            "STREAM_THREADS",
            "1",
            "STATE_DIR",
            stateDir.toAbsolutePath().toString()));
    return env;
  }

  private static Map<String, String> commonEnv(
      String bootstrap, String registryUrl, String modelName, Path modelStore) {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS",
        bootstrap,
        "SCHEMA_REGISTRY_URL",
        registryUrl,
        "MODEL_NAME",
        modelName,
        "MODEL_STORE",
        modelStore.toAbsolutePath().toString());
  }

  /**
   * Waits until {@code serving} has a model whose index holds {@code knownItem} ({@code GET
   * /items/{id}/similar} answers 200): ready is not enough, the release may still be loading.
   */
  public static void awaitModel(ServiceProcess serving, String knownItem, Duration timeout)
      throws InterruptedException {
    serving.await("/items/" + knownItem + "/similar?k=1", timeout);
  }

  void awaitHealthy(Duration timeout) throws InterruptedException {
    worker.awaitReady(timeout);
    for (ServiceProcess s : serving) {
      s.awaitReady(timeout);
    }
  }

  ServiceProcess worker() {
    return worker;
  }

  ServiceProcess serving(int i) {
    return serving.get(i);
  }

  List<ServiceProcess> serving() {
    return List.copyOf(serving);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run and find them stopped
    }
    stopAll();
  }

  private void stopAll() {
    // serving first: it holds the open transactions
    serving.forEach(ServiceProcess::close);
    worker.close();
  }
}
