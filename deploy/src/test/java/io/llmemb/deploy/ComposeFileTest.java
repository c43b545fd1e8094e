package io.llmemb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml: valid for Compose, wired to the services' real configuration keys and the
 * topic catalog.
 */
class ComposeFileTest {

  private static Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() {
    Map<String, Object> compose = new Yaml().load(Repo.read("docker-compose.yml"));
    services = (Map<String, Object>) compose.get("services");
  }

  @Test
  void composeConfigAcceptsTheFile() {
    Optional<List<String>> compose = composeCommand();
    assumeTrue(
        compose.isPresent(),
        "SKIPPED: neither docker-compose nor the docker compose plugin is installed "
            + "(Debian: apt-get install docker-compose; bin/test installs it when run as root)");
    List<String> command = new ArrayList<>(compose.get());
    command.addAll(List.of("-f", Repo.path("docker-compose.yml").toString(), "config", "-q"));
    Tool.Result result = Tool.run(command, Repo.root(), Duration.ofSeconds(60));
    assertEquals(
        0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.stderr());
  }

  @Test
  void composeConfigAcceptsTheGpuOverride() {
    Optional<List<String>> compose = composeCommand();
    assumeTrue(
        compose.isPresent(),
        "SKIPPED: neither docker-compose nor the docker compose plugin is installed");
    List<String> command = new ArrayList<>(compose.get());
    command.addAll(
        List.of(
            "-f",
            Repo.path("docker-compose.yml").toString(),
            "-f",
            Repo.path("deploy/docker-compose.gpu.yml").toString(),
            "config"));
    Tool.Result result = Tool.run(command, Repo.root(), Duration.ofSeconds(60));
    assertEquals(
        0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.stderr());
    Map<String, Object> merged = new Yaml().load(result.stdout());
    Map<?, ?> worker = (Map<?, ?>) ((Map<?, ?>) merged.get("services")).get("embedding-worker");
    assertEquals("gpu", ((Map<?, ?>) worker.get("environment")).get("DEVICE"));
    assertTrue(
        String.valueOf(worker.get("image")).endsWith("-gpu"), String.valueOf(worker.get("image")));
    assertTrue(
        String.valueOf(worker.get("deploy")).contains("nvidia"),
        String.valueOf(worker.get("deploy")));
  }

  @Test
  void overridesSetOnlyVariablesTheirServiceReads() {
    for (String override :
        List.of("deploy/docker-compose.gpu.yml", "deploy/docker-compose.demo.yml")) {
      Map<String, Object> file = new Yaml().load(Repo.read(override));
      Map<?, ?> overridden = (Map<?, ?>) file.get("services");
      assertTrue(
          Repo.SERVICES.containsAll(overridden.keySet().stream().map(Object::toString).toList()),
          override + " overrides something other than our services: " + overridden.keySet());
      overridden.forEach(
          (service, body) -> {
            ServiceConfig config = ServiceConfig.load(service.toString());
            for (Object variable : ((Map<?, ?>) ((Map<?, ?>) body).get("environment")).keySet()) {
              assertTrue(
                  config.reads(variable.toString()),
                  override + " sets " + variable + " on " + service + ", which it never reads");
            }
          });
    }
  }

  @Test
  void composeConfigAcceptsTheDemoOverride() {
    Optional<List<String>> compose = composeCommand();
    assumeTrue(
        compose.isPresent(),
        "SKIPPED: neither docker-compose nor the docker compose plugin is installed");
    List<String> command = new ArrayList<>(compose.get());
    command.addAll(
        List.of(
            "-f",
            Repo.path("docker-compose.yml").toString(),
            "-f",
            Repo.path("deploy/docker-compose.demo.yml").toString(),
            "config",
            "-q"));
    Tool.Result result = Tool.run(command, Repo.root(), Duration.ofSeconds(60));
    assertEquals(
        0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.stderr());
  }

  @Test
  void everyServiceVariableIsOneTheServiceReads() {
    for (String service : Repo.SERVICES) {
      ServiceConfig config = ServiceConfig.load(service);
      Map<String, String> env = environment(service);
      assertTrue(
          env.size() >= 3, service + " has almost no environment in docker-compose.yml: " + env);
      for (String variable : env.keySet()) {
        assertTrue(
            config.reads(variable),
            () ->
                "docker-compose.yml sets "
                    + variable
                    + " on "
                    + service
                    + ", which its application.yml / logback.xml never reads; it reads "
                    + config.defaults().keySet());
      }
      assertEquals(
          config.defaultOf("PORT"),
          env.get("PORT"),
          service + ": PORT differs from application.yml's");
    }
  }

  @Test
  void servicesReachKafkaAndTheRegistryInsideTheComposeNetwork() {
    for (String service : Repo.SERVICES) {
      Map<String, String> env = environment(service);
      assertEquals("kafka:19092", env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
      assertEquals("http://schema-registry:8081", env.get("SCHEMA_REGISTRY_URL"), service);
      assertEquals(
          "llmemb/" + service + ":${LLMEMB_TAG:-0.1.0-SNAPSHOT}",
          service(service).get("image"),
          service + " must run the image the images profile builds");
    }
  }

  @Test
  void topicsServiceCreatesExactlyTheCatalog() {
    Object command = service("topics").get("command");
    String script =
        command instanceof List<?> parts
            ? String.join("\n", parts.stream().map(Object::toString).toList())
            : String.valueOf(command);
    assertEquals(TopicCatalog.expected(), TopicCatalog.createdBy(script));
    assertEquals("apache/kafka:4.1.0", service("topics").get("image"));
    assertEquals("apache/kafka:4.1.0", service("kafka").get("image"));
    assertTrue(
        String.valueOf(service("schema-registry").get("image"))
            .startsWith("confluentinc/cp-schema-registry:"));
  }

  @Test
  void modelStoreAndStateLiveOnNamedVolumesAtTheConfiguredPaths() {
    Map<String, String> trainer = environment("trainer");
    Map<String, String> serving = environment("serving");
    // Release uris are absolute file: uris written by the trainer, so serving must see the store at
    // the same path.
    assertEquals(trainer.get("MODEL_STORE"), serving.get("MODEL_STORE"));
    assertTrue(
        volumes("trainer").contains("model-store:" + trainer.get("MODEL_STORE")),
        volumes("trainer")::toString);
    assertTrue(
        volumes("serving").contains("model-store:" + serving.get("MODEL_STORE") + ":ro"),
        volumes("serving")::toString);
    assertTrue(
        volumes("serving").contains("serving-state:" + serving.get("STATE_DIR")),
        volumes("serving")::toString);
  }

  @Test
  void prometheusScrapesEveryServiceOnItsPort() {
    Map<String, Object> prometheus = new Yaml().load(Repo.read("deploy/prometheus/prometheus.yml"));
    List<?> jobs = (List<?>) prometheus.get("scrape_configs");
    Map<String, String> targets = new LinkedHashMap<>();
    for (Object job : jobs) {
      Map<?, ?> j = (Map<?, ?>) job;
      assertEquals("/prometheus", j.get("metrics_path"), () -> "job " + j.get("job_name"));
      Map<?, ?> staticConfig = (Map<?, ?>) ((List<?>) j.get("static_configs")).get(0);
      targets.put(
          (String) j.get("job_name"), (String) ((List<?>) staticConfig.get("targets")).get(0));
    }
    for (String service : Repo.SERVICES) {
      assertEquals(
          service + ":" + ServiceConfig.load(service).defaultOf("PORT"), targets.get(service));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    Map<String, Object> service = (Map<String, Object>) services.get(name);
    assertTrue(service != null, "docker-compose.yml has no service " + name);
    return service;
  }

  private static Map<String, String> environment(String name) {
    Object env = service(name).get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
    } else if (env instanceof List<?> list) {
      for (Object entry : list) {
        String[] kv = entry.toString().split("=", 2);
        out.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }

  private static List<String> volumes(String name) {
    Object volumes = service(name).get("volumes");
    return volumes == null
        ? List.of()
        : ((List<?>) volumes).stream().map(Object::toString).toList();
  }

  static Optional<List<String>> composeCommand() {
    if (Tool.onPath("docker-compose").isPresent()) {
      return Optional.of(List.of("docker-compose"));
    }
    if (Tool.onPath("docker").isPresent()
        && Tool.run(List.of("docker", "compose", "version"), Repo.root(), Duration.ofSeconds(30))
                .exitCode()
            == 0) {
      return Optional.of(List.of("docker", "compose"));
    }
    return Optional.empty();
  }
}
