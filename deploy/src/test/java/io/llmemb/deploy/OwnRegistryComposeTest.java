package io.llmemb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Our schema registry in Compose: the {@code schema-registry-own} service (profile {@code
 * own-registry}) and deploy/docker-compose.own-registry.yml agree with the image the devstack
 * module builds and with what its entry point, RegistryMain, reads; the default stack is untouched.
 */
class OwnRegistryComposeTest {

  private static final String OWN = "schema-registry-own";
  private static final String OVERRIDE = "deploy/docker-compose.own-registry.yml";
  private static final String SECURITY =
      "schemas/src/main/java/io/llmemb/schemas/ClientSecurity.java";
  private static final String MAIN =
      "devstack/src/main/java/io/llmemb/devstack/registry/RegistryMain.java";

  @Test
  void ownRegistryRunsOnlyWithItsProfileAndNothingByDefaultNeedsIt() {
    Map<String, Map<String, Object>> services = services("docker-compose.yml");
    assertEquals(List.of("own-registry"), services.get(OWN).get("profiles"));
    services.forEach(
        (name, body) -> {
          if (!name.equals(OWN)) {
            assertNull(body.get("profiles"), name + " must start with a plain `docker compose up`");
            Object dependsOn = body.get("depends_on");
            assertTrue(
                dependsOn == null || !String.valueOf(dependsOn).contains(OWN),
                name + " depends on the optional " + OWN);
          }
        });
    assertTrue(
        String.valueOf(services.get("schema-registry").get("image"))
            .startsWith("confluentinc/cp-schema-registry:"));
  }

  @Test
  void imageIsTheOneDevstackBuilds() {
    String devstackPom = Repo.read("devstack/pom.xml");
    String rootPom = Repo.read("pom.xml");
    String repository = tag(rootPom, "image.repository");
    String target = tag(devstackPom, "image");
    assertEquals("${image.repository}/schema-registry:${image.tag}", target);
    assertEquals(
        "io.llmemb.devstack.registry.RegistryMain", tag(devstackPom, "exec.mainClass"), MAIN);
    String image = repository + "/schema-registry:${LLMEMB_TAG:-0.1.0-SNAPSHOT}";
    assertEquals(image, services("docker-compose.yml").get(OWN).get("image"));
    assertEquals(image, services(OVERRIDE).get("schema-registry").get("image"));
    assertEquals("8081", tag(devstackPom, "image.port"));
  }

  @Test
  void environmentIsWhatRegistryMainReads() {
    Set<String> reads = registryMainVariables();
    for (Map<String, Object> service :
        List.of(
            services("docker-compose.yml").get(OWN), services(OVERRIDE).get("schema-registry"))) {
      Map<String, String> env = environment(service);
      for (String variable : env.keySet()) {
        assertTrue(reads.contains(variable), variable + " is not read by RegistryMain: " + reads);
      }
      assertEquals("kafka:19092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
      assertEquals("8081", env.get("REGISTRY_PORT"), "Confluent's port, as the services expect");
    }
    Map<String, String> own = environment(services("docker-compose.yml").get(OWN));
    Map<String, String> swapped = environment(services(OVERRIDE).get("schema-registry"));
    // Next to Confluent's registry ours needs a topic of its own; in its place it takes _schemas.
    assertTrue(!"_schemas".equals(own.get("REGISTRY_TOPIC")), own.toString());
    assertEquals("_schemas", swapped.get("REGISTRY_TOPIC"));
    Map<String, String> rest = new HashMap<>(own);
    rest.remove("REGISTRY_TOPIC");
    Map<String, String> restSwapped = new HashMap<>(swapped);
    restSwapped.remove("REGISTRY_TOPIC");
    assertEquals(rest, restSwapped, "the profile service and the override should agree");
  }

  @Test
  void healthcheckUsesConfluentsPathOnTheRegistryPort() {
    Map<String, Map<String, Object>> base = services("docker-compose.yml");
    String confluent = String.valueOf(((Map<?, ?>) base.get("schema-registry").get("healthcheck")));
    assertTrue(confluent.contains("/subjects"), confluent);
    Map<?, ?> own = (Map<?, ?>) base.get(OWN).get("healthcheck");
    String test = String.valueOf(own.get("test"));
    assertTrue(test.contains("GET /subjects "), test);
    assertTrue(test.contains("/dev/tcp/localhost/$$REGISTRY_PORT"), test);
    assertEquals(own, services(OVERRIDE).get("schema-registry").get("healthcheck"));
    assertEquals(List.of("8082:8081"), base.get(OWN).get("ports"));
  }

  @Test
  void overrideReplacesOnlyTheRegistry() {
    assertEquals(Set.of("schema-registry"), services(OVERRIDE).keySet());
  }

  @Test
  void composeAcceptsTheProfileAndTheOverride() {
    Optional<List<String>> compose = ComposeFileTest.composeCommand();
    assumeTrue(
        compose.isPresent(),
        "SKIPPED: neither docker-compose nor the docker compose plugin is installed");
    List<String> profile = new ArrayList<>(compose.get());
    profile.addAll(
        List.of(
            "-f",
            Repo.path("docker-compose.yml").toString(),
            "--profile",
            "own-registry",
            "config",
            "-q"));
    Tool.Result withProfile = Tool.run(profile, Repo.root(), Duration.ofSeconds(60));
    assertEquals(0, withProfile.exitCode(), withProfile::stderr);

    List<String> swap = new ArrayList<>(compose.get());
    swap.addAll(
        List.of(
            "-f",
            Repo.path("docker-compose.yml").toString(),
            "-f",
            Repo.path(OVERRIDE).toString(),
            "config"));
    Tool.Result swapped = Tool.run(swap, Repo.root(), Duration.ofSeconds(60));
    assertEquals(0, swapped.exitCode(), swapped::stderr);
    Map<String, Object> merged = new Yaml().load(swapped.stdout());
    Map<?, ?> services = (Map<?, ?>) merged.get("services");
    Map<?, ?> registry = (Map<?, ?>) services.get("schema-registry");
    assertTrue(String.valueOf(registry.get("image")).startsWith("llmemb/schema-registry:"));
    for (String service : Repo.SERVICES) {
      Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) services.get(service)).get("environment");
      assertEquals("http://schema-registry:8081", env.get("SCHEMA_REGISTRY_URL"), service);
    }
  }

  /** String constants of RegistryMain that look like variables, plus the client security ones. */
  /** The environment variables RegistryMain reads, from its source and ClientSecurity's. */
  static Set<String> registryMainVariables() {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("String [A-Z_]+ = \"([A-Z][A-Z_]+)\";").matcher(Repo.read(MAIN));
    while (m.find()) {
      out.add(m.group(1));
    }
    assertTrue(out.contains("KAFKA_BOOTSTRAP_SERVERS"), out.toString());
    // RegistryMain names them after ClientSecurity.KEYS (read from source: the schemas jar this
    // module resolves may predate them).
    String security = Repo.read(SECURITY);
    String keys =
        security.substring(
            security.indexOf("KEYS ="), security.indexOf(");", security.indexOf("KEYS =")));
    Matcher k = Pattern.compile("\"([a-z]+(?:\\.[a-z]+)+)\"").matcher(keys);
    while (k.find()) {
      out.add("KAFKA_" + k.group(1).toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    assertTrue(out.contains("KAFKA_SECURITY_PROTOCOL"), out.toString());
    return out;
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(xml);
    assertTrue(m.find(), "no <" + name + "> found");
    return m.group(1).trim();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) {
    Map<String, Object> compose = new Yaml().load(Repo.read(file));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> out = new HashMap<>();
    ((Map<?, ?>) service.get("environment"))
        .forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
    return out;
  }
}
