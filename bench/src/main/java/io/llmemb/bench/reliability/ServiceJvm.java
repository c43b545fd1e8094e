package io.llmemb.bench.reliability;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of {@code services/} as a child JVM that can be SIGKILLed and started again with the same
 * environment (so the same state dir), as an orchestrator restarts a crashed pod. The log of every incarnation is
 * appended to one file.
 */
final class ServiceJvm implements AutoCloseable {

  private static final Duration HEALTH_POLL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /**
   * @param name label in reports and the log file name
   * @param module directory under {@code services/}
   * @param env service configuration (the variables its application.yml reads); {@code PORT} is set from port
   * @param heap {@code -Xmx} value
   */
  record Spec(String name, String module, String mainClass, int port, Map<String, String> env, String heap) {}

  private final Spec spec;
  private final List<String> command;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private int starts;
  private boolean closed;

  private ServiceJvm(Spec spec, List<String> command, Path log) {
    this.spec = spec;
    this.command = command;
    this.log = log;
  }

  /** Launches the service; {@link #awaitHealthy} waits for it. */
  static ServiceJvm start(Path projectRoot, Spec spec, Path logDir) throws IOException {
    Path moduleDir = projectRoot.resolve("services").resolve(spec.module());
    Path cpFile = moduleDir.resolve("target/service.classpath");
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("no " + cpFile + ": build the services first (bin/reliability does; or "
          + "mvn -pl bench -am compile)");
    }
    String classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(cpFile).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + spec.heap(), "-XX:+UseSerialGC", "-Dai.djl.offline=true",
        "-cp", classpath, spec.mainClass()));
    Files.createDirectories(logDir);
    ServiceJvm jvm = new ServiceJvm(spec, command, logDir.resolve(spec.name() + ".log"));
    jvm.launch();
    return jvm;
  }

  private synchronized void launch() throws IOException {
    if (closed) {
      // a restart racing the end of the run must not leave a JVM behind
      throw new IllegalStateException(spec.name() + " is closed");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().putAll(spec.env());
    builder.environment().put("PORT", String.valueOf(spec.port()));
    // OpenMP threads spin while waiting; on few shared cores that starves the other JVMs.
    builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
    process = builder.start();
    starts++;
  }

  String name() {
    return spec.name();
  }

  int port() {
    return spec.port();
  }

  Path log() {
    return log;
  }

  synchronized long pid() {
    return process.pid();
  }

  /** How many times this service was launched (1 + restarts). */
  synchronized int starts() {
    return starts;
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux): no shutdown hook, no clean leave. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(spec.name() + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
    }
  }

  /** Starts a new incarnation with the same command and environment. */
  void restart() throws IOException {
    synchronized (this) {
      if (process.isAlive()) {
        throw new IllegalStateException(spec.name() + " is still running (pid " + process.pid() + ")");
      }
    }
    launch();
  }

  /** Waits until {@code GET /health} answers 200; fails early, naming the log, if the process died. */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + spec.port() + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Process current;
      synchronized (this) {
        current = process;
      }
      if (!current.isAlive()) {
        throw new IllegalStateException(spec.name() + " exited with " + current.exitValue() + "; see " + log);
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
    throw new IllegalStateException(spec.name() + " not healthy on port " + spec.port() + " after " + timeout
        + "; see " + log);
  }

  /** SIGTERM, then SIGKILL after a grace period; safe to call on a dead process and more than once. */
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
}
