package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RegistryMain}, the entry point of the {@code llmemb/schema-registry} image: settings from
 * the environment, the bounded wait for Kafka, and the registry it starts against an existing
 * cluster (in this JVM and as a child process stopped with SIGTERM).
 */
@ExtendWith(KafkaStackExtension.class)
class RegistryMainTest {

  /** The image's deleted jars: layer filters without a target layer, in devstack's pom. */
  private static final Pattern DROPPED =
      Pattern.compile("<filter><glob>/app/libs/([^<]+)</glob></filter>");

  private static final String SCHEMA =
      """
      {"type":"record","name":"Own","namespace":"t","fields":[{"name":"id","type":"string"}]}""";

  @Test
  void defaultsAreConfluentsAddressTopicAndTheProjectsLevel() {
    RegistryMain.Config config = RegistryMain.config(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:1"));
    RegistrySettings s = config.settings();
    assertEquals("kafka:1", s.bootstrapServers());
    assertEquals("0.0.0.0", s.host());
    assertEquals(8081, s.port());
    assertEquals("_schemas", s.topic());
    assertEquals(1, s.topicReplicationFactor());
    assertEquals(CompatibilityLevel.BACKWARD_TRANSITIVE, s.defaultLevel());
    assertEquals(Map.of(), s.clientProperties());
    assertEquals(Duration.ofSeconds(60), config.kafkaWait());
  }

  @Test
  void securityVariablesAreTheServicesNames() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put("KAFKA_SASL_JAAS_CONFIG", "x required;");
    env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", " ");
    env.put("REGISTRY_KAFKA_WAIT", "500ms");
    RegistryMain.Config config = RegistryMain.config(env);
    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "x required;"),
        config.settings().clientProperties());
    assertEquals(Duration.ofMillis(500), config.kafkaWait());
    assertTrue(RegistryMain.ENV_KEYS.contains("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
  }

  @Test
  void badSettingsNameTheVariable() {
    assertMessage("KAFKA_BOOTSTRAP_SERVERS", Map.of());
    assertMessage(
        "REGISTRY_PORT", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "REGISTRY_PORT", "http"));
    assertMessage(
        "REGISTRY_COMPATIBILITY",
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "REGISTRY_COMPATIBILITY", "SOMETIMES"));
    assertMessage(
        "REGISTRY_KAFKA_WAIT",
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1", "REGISTRY_KAFKA_WAIT", "forever"));
  }

  @Test
  void unreachableKafkaFailsWithinTheWaitAndOneLine() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    RegistryMain.Config config =
        RegistryMain.config(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:" + closed,
                "REGISTRY_KAFKA_WAIT", "2s",
                "REGISTRY_PORT", "0"));
    long start = System.nanoTime();
    RegistryMain.StartupException e =
        assertThrows(RegistryMain.StartupException.class, () -> RegistryMain.start(config));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(seconds < 10, "took " + seconds + " s");
    assertTrue(e.getMessage().contains("localhost:" + closed), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void servesTheConfluentApiFromItsOwnTopic(KafkaStack stack) {
    String topic = "_schemas_main_" + UUID.randomUUID().toString().replace("-", "");
    RegistryMain.Config config =
        RegistryMain.config(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "REGISTRY_HOST", "localhost",
                "REGISTRY_PORT", "0",
                "REGISTRY_TOPIC", topic,
                "REGISTRY_COMPATIBILITY", "forward",
                "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));
    String subject = "own-" + UUID.randomUUID() + "-value";
    int id;
    try (SchemaRegistryServer server = RegistryMain.start(config)) {
      RegistryHttp http = new RegistryHttp(server.url());
      assertEquals(200, http.get("/").status());
      assertEquals(200, http.get("/subjects").status());
      assertEquals("FORWARD", http.get("/config").body().get("compatibilityLevel").asText());
      id = http.register(subject, SCHEMA).body().get("id").asInt();
      RegistryHttp.Response latest = http.get("/subjects/" + subject + "/versions/latest");
      assertEquals(200, latest.status(), latest.body().toString());
      assertEquals(id, latest.body().get("id").asInt());
      assertEquals(1, latest.body().get("version").asInt());
    }
    // Everything went to the configured topic, not to the stack's own registry.
    RegistryHttp stackRegistry = new RegistryHttp(stack.schemaRegistryUrl());
    assertEquals(404, stackRegistry.get("/subjects/" + subject + "/versions").status());
    try (SchemaRegistryServer again = RegistryMain.start(config)) {
      RegistryHttp http = new RegistryHttp(again.url());
      assertEquals(id, http.get("/subjects/" + subject + "/versions/1").body().get("id").asInt());
    }
  }

  @Test
  void childProcessLogsPlainLinesAndStopsOnSigterm(KafkaStack stack) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("registry-main", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(javaCommand()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    builder.environment().put("REGISTRY_HOST", "localhost");
    builder.environment().put("REGISTRY_PORT", String.valueOf(port));
    builder.environment().put("REGISTRY_TOPIC", "_schemas_sigterm_" + UUID.randomUUID());
    Process process = builder.start();
    try {
      RegistryHttp http = new RegistryHttp("http://localhost:" + port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!answers(http)) {
        assertTrue(process.isAlive(), () -> "registry exited: " + read(log));
        assertTrue(System.nanoTime() < deadline, () -> "registry never answered: " + read(log));
        Thread.sleep(200);
      }
      process.destroy(); // SIGTERM
      assertTrue(
          process.waitFor(30, TimeUnit.SECONDS), () -> "no exit after SIGTERM: " + read(log));
      String output = read(log);
      // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
      assertEquals(143, process.exitValue(), output);
      assertTrue(output.contains("schema registry stopped"), output);
      for (String line : output.split("\\R")) {
        assertFalse(line.startsWith("{"), "JSON log line: " + line);
      }
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  @Test
  void childProcessExitsWithOneLineWhenKafkaIsAway() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(javaCommand());
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + closed);
    builder.environment().put("REGISTRY_KAFKA_WAIT", "2s");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no exit");
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, process.exitValue(), err);
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), err);
    assertTrue(lines.get(0).startsWith("schema-registry: Kafka at localhost:" + closed), err);
  }

  private static void assertMessage(String variable, Map<String, String> env) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegistryMain.config(env));
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  private static boolean answers(RegistryHttp http) {
    try {
      return http.get("/subjects").status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The registry's main on the classpath of the image: the module's runtime classpath (no test
   * resources) less the jars the images profile deletes from {@code /app/libs}.
   */
  private static List<String> javaCommand() throws IOException {
    Path target = Path.of("target");
    List<PathMatcher> dropped = new ArrayList<>();
    Matcher m = DROPPED.matcher(Files.readString(Path.of("pom.xml")));
    while (m.find()) {
      dropped.add(FileSystems.getDefault().getPathMatcher("glob:" + m.group(1)));
    }
    assertTrue(dropped.size() > 5, "no layer filters found in pom.xml");
    List<String> kept = new ArrayList<>();
    kept.add(target.resolve("classes").toAbsolutePath().toString());
    List<String> removed = new ArrayList<>();
    for (String entry :
        Files.readString(target.resolve("devstack.classpath")).trim().split(File.pathSeparator)) {
      Path name = Path.of(entry).getFileName();
      (dropped.stream().anyMatch(d -> d.matches(name)) ? removed : kept).add(entry);
    }
    assertTrue(
        removed.stream().anyMatch(e -> e.contains("kafka_2.13-")),
        "the broker jar should not be in the image: " + removed);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java, "-cp", String.join(File.pathSeparator, kept), RegistryMain.class.getName());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
