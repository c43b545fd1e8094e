package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service as a child JVM: its command line, start, health waits, SIGKILL, restart with an
 * appended log, close.
 */
class ServiceProcessTest {

  private static final Duration START = Duration.ofSeconds(60);

  @Test
  void commandRunsTheModuleOnItsOwnClasspathWithTheVectorModule(@TempDir Path root)
      throws IOException {
    Path target = Files.createDirectories(root.resolve("services/serving/target"));
    Files.writeString(target.resolve("service.classpath"), "/m2/a.jar:/m2/b.jar\n");
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec(
            "serving-0", "serving", "io.llmemb.serving.Application", 18093, Map.of(), "512m");

    List<String> command = ServiceProcess.command(root, spec);

    assertTrue(command.get(0).endsWith("java"), command.toString());
    assertTrue(command.contains("-Xmx512m"), command.toString());
    int modules = command.indexOf("--add-modules");
    assertEquals("jdk.incubator.vector", command.get(modules + 1));
    int cp = command.indexOf("-cp");
    assertEquals(target.resolve("classes") + ":/m2/a.jar:/m2/b.jar", command.get(cp + 1));
    assertEquals("io.llmemb.serving.Application", command.get(command.size() - 1));
  }

  @Test
  void anUnbuiltServiceFailsSayingHowToBuildIt(@TempDir Path root) {
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec("trainer", "trainer", "x.Main", 18092, Map.of(), "1g");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ServiceProcess.command(root, spec));
    assertTrue(
        e.getMessage().contains("services/trainer/target/service.classpath"), e.getMessage());
    assertTrue(e.getMessage().contains("build the services first"), e.getMessage());
  }

  @Test
  void specRejectsABadPortAndCopiesTheEnvironment() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServiceProcess.Spec("s", "m", "x.Main", 0, Map.of(), "1g"));
    Map<String, String> env = new java.util.HashMap<>(Map.of("A", "1"));
    ServiceProcess.Spec spec = new ServiceProcess.Spec("s", "m", "x.Main", 1, env, "1g");
    env.put("B", "2");
    assertEquals(Map.of("A", "1"), spec.env());
  }

  @Test
  void startKillRestartClose(@TempDir Path logs) throws Exception {
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec(
            "fake",
            "fake",
            FakeService.class.getName(),
            freePort(),
            Map.of("GREETING", "hello", "READY", "1"),
            "64m");
    try (ServiceProcess service = ServiceProcess.launch(spec, fakeCommand(spec), logs)) {
      service.awaitLive(START);
      service.awaitReady(START);
      assertEquals(1, service.starts());
      assertThrows(IllegalStateException.class, service::restart, "restart of a running service");

      service.kill();
      assertFalse(service.isAlive());
      service.restart();
      service.awaitReady(START);
      assertEquals(2, service.starts());
      assertEquals(logs.resolve("fake.log"), service.log());
      assertEquals(
          2,
          Files.readAllLines(service.log()).stream()
              .filter(l -> l.contains("fake service up: hello"))
              .count(),
          "the restart's output is appended to the first one's");

      service.close();
      assertFalse(service.isAlive());
      service.close();
      assertThrows(IllegalStateException.class, service::restart, "no restart after close");
    }
  }

  @Test
  void aNewServiceStartsItsLogAfresh(@TempDir Path logs) throws Exception {
    Files.writeString(logs.resolve("fake.log"), "an earlier run's line\n");
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec(
            "fake",
            "fake",
            FakeService.class.getName(),
            freePort(),
            Map.of("GREETING", "fresh"),
            "64m");
    try (ServiceProcess service = ServiceProcess.launch(spec, fakeCommand(spec), logs)) {
      service.awaitLive(START);
      String log = Files.readString(service.log());
      assertFalse(log.contains("an earlier run's line"), log);
      assertTrue(log.contains("fake service up: fresh"), log);
    }
  }

  @Test
  void awaitingADeadServiceFailsAtOnceNamingItsLog(@TempDir Path logs) throws Exception {
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec(
            "dies",
            "fake",
            FakeService.class.getName(),
            freePort(),
            Map.of("EXIT_CODE", "3"),
            "64m");
    try (ServiceProcess service = ServiceProcess.launch(spec, fakeCommand(spec), logs)) {
      long t0 = System.nanoTime();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> service.awaitLive(START));
      assertTrue(e.getMessage().contains("dies exited with 3"), e.getMessage());
      assertTrue(e.getMessage().contains(logs.resolve("dies.log").toString()), e.getMessage());
      assertTrue(System.nanoTime() - t0 < START.toNanos() / 2, "did not wait for the timeout");
    }
  }

  @Test
  void awaitReadyTimesOutOnAServiceThatIsOnlyLive(@TempDir Path logs) throws Exception {
    ServiceProcess.Spec spec =
        new ServiceProcess.Spec(
            "unready", "fake", FakeService.class.getName(), freePort(), Map.of(), "64m");
    try (ServiceProcess service = ServiceProcess.launch(spec, fakeCommand(spec), logs)) {
      service.awaitLive(START);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> service.awaitReady(Duration.ofSeconds(1)));
      assertTrue(e.getMessage().contains("/health within PT1S"), e.getMessage());
    }
  }

  private static List<String> fakeCommand(ServiceProcess.Spec spec) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + spec.heap(),
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        spec.mainClass());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
