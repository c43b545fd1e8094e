package io.llmemb.demo;

import java.io.IOException;
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
 * One service of {@code services/} running as a child JVM on exactly its own runtime classpath (written by the
 * build to {@code services/<module>/target/service.classpath}), configured only through the environment variables
 * its {@code application.yml} reads, as in a deployment. Output goes to a log file; {@link #close} stops it.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Duration HEALTH_POLL = Duration.ofMillis(500);

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} of module {@code services/<module>}.
   *
   * @param projectRoot the repository root (holds {@code services/})
   * @param env service configuration; {@code PORT} is set from {@code port}
   * @param heap {@code -Xmx} value, e.g. {@code 768m}
   */
  static ServiceProcess start(Path projectRoot, String module, String mainClass, int port, Map<String, String> env,
      String heap, Path logDir) throws IOException {
    Path moduleDir = projectRoot.resolve("services").resolve(module);
    Path cpFile = moduleDir.resolve("target/service.classpath");
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("no " + cpFile + ": build the services first (bin/demo does; or "
          + "mvn -pl demo -am package -Dmaven.test.skip=true)");
    }
    String classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(cpFile).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+UseSerialGC", "-Dai.djl.offline=true",
        // Serving's exact top-K scans with the JDK Vector API; without the module it falls back to a scalar loop.
        "--add-modules", "jdk.incubator.vector", "-cp", classpath, mainClass));
    Files.createDirectories(logDir);
    Path log = logDir.resolve(module + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("PORT", String.valueOf(port));
    // OpenMP threads spin while waiting; on few shared cores that starves the other JVMs.
    builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
    return new ServiceProcess(module, port, builder.start(), log);
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /**
   * Waits until {@code GET /health/liveness} answers 200 (up, whatever its readiness: serving is not ready while
   * interactions arrive before the first model, which is how the demo starts); fails early, naming the log, if the
   * process died.
   */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/liveness"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
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
    throw new IllegalStateException(name + " not healthy on port " + port + " after " + timeout + "; see " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
