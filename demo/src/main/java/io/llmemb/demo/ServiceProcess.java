package io.llmemb.demo;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One service of {@code services/} running as a child JVM on exactly its own runtime classpath
 * (written by the build to {@code services/<module>/target/service.classpath}), configured only
 * through the environment variables its {@code application.yml} reads, as in a deployment
 * (including {@code --add-modules jdk.incubator.vector}, which the images pass too). Output goes to
 * one log file per service: the first launch starts it afresh, a {@link #restart} appends to it. It
 * can be SIGKILLed ({@link #kill}) and started again with the same command and environment (so the
 * same state dir), as an orchestrator restarts a crashed pod; {@link #close} stops it for good.
 *
 * <p>Used by the demo ({@code bin/demo}) and by the fault-injection suite ({@code
 * bin/reliability}).
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration HEALTH_POLL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** Up, whatever the readiness: serving is not ready until it has a model. */
  static final String LIVENESS_PATH = "/health/liveness";

  /** Up and ready (every health indicator UP). */
  static final String READINESS_PATH = "/health";

  /**
   * What to run.
   *
   * @param name label in messages and the log file name ({@code <name>.log})
   * @param module directory under {@code services/}
   * @param env service configuration (the variables its application.yml reads); {@code PORT} is set
   *     from port
   * @param heap {@code -Xmx} value, e.g. {@code 768m}
   */
  public record Spec(
      String name,
      String module,
      String mainClass,
      int port,
      Map<String, String> env,
      String heap) {

    /** Validates and copies {@code env}. */
    public Spec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(mainClass, "mainClass");
      Objects.requireNonNull(heap, "heap");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 1..65535, was " + port);
      }
      env = Map.copyOf(env);
    }
  }

  private final Spec spec;
  private final List<String> command;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private int starts;
  private boolean closed;

  private ServiceProcess(Spec spec, List<String> command, Path log) {
    this.spec = spec;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /**
   * Launches {@code spec.mainClass()} of module {@code services/<spec.module()>}; {@link
   * #awaitLive} or {@link #awaitReady} waits for it.
   *
   * @param projectRoot the repository root (holds {@code services/})
   */
  public static ServiceProcess start(Path projectRoot, Spec spec, Path logDir) throws IOException {
    return launch(spec, command(projectRoot, spec), logDir);
  }

  /**
   * The java command line of {@code spec}; fails, saying how to build it, when the service is not
   * built.
   */
  static List<String> command(Path projectRoot, Spec spec) throws IOException {
    Path moduleDir = projectRoot.resolve("services").resolve(spec.module());
    Path cpFile = moduleDir.resolve("target/service.classpath");
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException(
          "no "
              + cpFile
              + ": build the services first (bin/demo and bin/reliability "
              + "do; or mvn -pl demo -am compile)");
    }
    String classpath =
        moduleDir.resolve("target/classes") + File.pathSeparator + Files.readString(cpFile).strip();
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + spec.heap(),
        "-XX:+UseSerialGC",
        "-Dai.djl.offline=true",
        // Serving's exact top-K scans with the JDK Vector API; without the module it falls back to
        // a scalar loop.
        "--add-modules",
        "jdk.incubator.vector",
        "-cp",
        classpath,
        spec.mainClass());
  }

  /** Launches {@code command} for {@code spec} (tests run a stand-in main class this way). */
  static ServiceProcess launch(Spec spec, List<String> command, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    ServiceProcess service =
        new ServiceProcess(spec, command, logDir.resolve(spec.name() + ".log"));
    service.launch();
    return service;
  }

  private synchronized void launch() throws IOException {
    if (closed) {
      // a restart racing the end of a run must not leave a JVM behind
      throw new IllegalStateException(spec.name() + " is closed");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                starts == 0 ? Redirect.to(log.toFile()) : Redirect.appendTo(log.toFile()));
    builder.environment().putAll(spec.env());
    builder.environment().put("PORT", String.valueOf(spec.port()));
    // OpenMP threads spin while waiting; on few shared cores that starves the other JVMs.
    builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
    process = builder.start();
    starts++;
  }

  public String name() {
    return spec.name();
  }

  public int port() {
    return spec.port();
  }

  public Path log() {
    return log;
  }

  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isAlive() {
    return process.isAlive();
  }

  /** How many times this service was launched (1 + restarts). */
  public synchronized int starts() {
    return starts;
  }

  /**
   * SIGKILL (what {@link Process#destroyForcibly} sends on Linux): no shutdown hook, no clean
   * leave.
   */
  public synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          spec.name() + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
    }
  }

  /**
   * Starts a new incarnation with the same command and environment; its output is appended to the
   * log.
   */
  public void restart() throws IOException {
    synchronized (this) {
      if (process.isAlive()) {
        throw new IllegalStateException(
            spec.name() + " is still running (pid " + process.pid() + ")");
      }
    }
    launch();
  }

  /**
   * Waits until {@code GET /health/liveness} answers 200: up, whatever its readiness (serving is
   * not ready while interactions arrive before the first model, which is how the demo starts).
   * Fails early, naming the log, if the process dies.
   */
  public void awaitLive(Duration timeout) throws InterruptedException {
    await(LIVENESS_PATH, timeout);
  }

  /**
   * Waits until {@code GET /health} answers 200 (every indicator up); fails early if the process
   * dies.
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    await(READINESS_PATH, timeout);
  }

  /**
   * Waits until {@code GET path} (e.g. {@code /items/42/similar?k=1}) answers 200; fails early,
   * naming the log, if the process dies, and after {@code timeout}.
   */
  public void await(String path, Duration timeout) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + spec.port() + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Process current;
      synchronized (this) {
        current = process;
      }
      if (!current.isAlive()) {
        throw new IllegalStateException(
            spec.name() + " exited with " + current.exitValue() + "; see " + log);
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(HEALTH_POLL.toMillis());
    }
    throw new IllegalStateException(
        spec.name()
            + " did not answer 200 on http://localhost:"
            + spec.port()
            + path
            + " within "
            + timeout
            + "; see "
            + log);
  }

  /**
   * SIGTERM, then SIGKILL after a grace period; safe to call on a dead process and more than once.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return spec.name() + " (port " + spec.port() + ", log " + log + ")";
  }
}
