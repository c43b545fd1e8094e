package io.llmemb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every k8s/ overlay builds with kubectl kustomize, parses into fabric8's typed objects without
 * unknown fields, and carries what running the services needs (probes, resources, state, static
 * membership, scaling, policies).
 */
class KubernetesManifestsTest {

  private static final Map<String, List<HasMetadata>> BUILT = new LinkedHashMap<>();
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  @BeforeAll
  static void buildOverlays() {
    assumeTrue(
        Tool.onPath("kubectl").isPresent(),
        "SKIPPED: kubectl is not installed; the k8s/ overlays are checked where it is (kubectl kustomize)");
    for (Path overlay : Manifests.overlays()) {
      BUILT.put(overlay.getFileName().toString(), Manifests.parse(Manifests.build(overlay)));
    }
  }

  static Stream<String> overlays() {
    return Manifests.overlays().stream().map(p -> p.getFileName().toString());
  }

  @Test
  void theOverlaysUsersAreToldAboutExist() {
    assertTrue(
        BUILT.keySet().containsAll(Set.of("dev", "production", "gpu", "dev-own-registry")),
        BUILT.keySet()::toString);
  }

  @Test
  void unknownFieldsAreCaught() {
    // The check below would be worthless if the model silently accepted misspelt keys.
    HasMetadata typo =
        Manifests.parse(
                """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          replica: 2
          template:
            spec:
              containers: [{name: c, image: i, imagePullPolice: Always}]
        """)
            .get(0);
    assertEquals(
        Set.of(
            "Deployment/x.spec: [replica]",
            "Deployment/x.spec.template.spec.containers[0]: " + "[imagePullPolice]"),
        Set.copyOf(Manifests.unknownFields(typo)));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyObjectIsTypedWithoutUnknownFields(String overlay) {
    for (HasMetadata object : BUILT.get(overlay)) {
      if (object instanceof GenericKubernetesResource custom) {
        // The only kind outside the Kubernetes API we use; anything else generic is a misspelt
        // apiVersion/kind.
        assertEquals(
            "keda.sh/v1alpha1/ScaledObject",
            custom.getApiVersion() + "/" + custom.getKind(),
            overlay);
        continue;
      }
      assertEquals(
          List.of(),
          Manifests.unknownFields(object),
          overlay + ": fields the Kubernetes API does not have");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerHasRequestsLimitsAndRunsAsNonRoot(String overlay) {
    for (Map.Entry<String, PodTemplateSpec> pod : pods(BUILT.get(overlay)).entrySet()) {
      PodSpec spec = pod.getValue().getSpec();
      assertEquals(
          Boolean.TRUE, spec.getSecurityContext().getRunAsNonRoot(), overlay + " " + pod.getKey());
      for (Container c : spec.getContainers()) {
        String where = overlay + " " + pod.getKey() + "/" + c.getName();
        ResourceRequirements r = c.getResources();
        assertNotNull(r, where);
        for (String resource : List.of("cpu", "memory")) {
          assertNotNull(r.getRequests().get(resource), where + " requests." + resource);
          assertNotNull(r.getLimits().get(resource), where + " limits." + resource);
          assertTrue(
              bytesOrCores(r.getRequests().get(resource))
                  <= bytesOrCores(r.getLimits().get(resource)),
              where + ": request above limit for " + resource);
        }
        assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), where);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serviceContainersSetOnlyVariablesTheirServiceReads(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    for (String service : Repo.SERVICES) {
      ServiceConfig config = ServiceConfig.load(service);
      Container container = container(objects, service);
      Map<String, String> env = Manifests.environment(container, objects);
      // A variable that only feeds another one ($(POD_NAME) in APPLICATION_SERVER) is not
      // configuration.
      Set<String> referenced = new HashSet<>();
      env.values()
          .forEach(
              v -> {
                Matcher m = REFERENCE.matcher(v);
                while (m.find()) {
                  referenced.add(m.group(1));
                }
              });
      for (String variable : env.keySet()) {
        assertTrue(
            config.reads(variable) || referenced.contains(variable),
            () ->
                overlay
                    + ": "
                    + service
                    + " gets "
                    + variable
                    + ", which its application.yml / logback.xml never reads; it reads "
                    + config.defaults().keySet());
      }
      assertEquals(config.defaultOf("PORT"), env.get("PORT"), overlay + " " + service);
      assertEquals(
          Integer.parseInt(config.defaultOf("PORT")),
          container.getPorts().get(0).getContainerPort());
      assertProbe(
          container.getReadinessProbe(),
          "/health/readiness",
          overlay + " " + service + " readiness");
      assertProbe(
          container.getLivenessProbe(), "/health/liveness", overlay + " " + service + " liveness");
      assertTrue(container.getImage().startsWith("llmemb/" + service + ":"), container.getImage());
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servingIsAStatefulSetWithStateStandbysStaticMembershipAndRoutableNames(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    StatefulSet serving = Manifests.get(objects, StatefulSet.class, "serving");
    Container container = serving.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = Manifests.environment(container, objects);

    String stateDir = env.get("STATE_DIR");
    VolumeMount state = mount(container, stateDir);
    assertTrue(
        serving.getSpec().getVolumeClaimTemplates().stream()
            .anyMatch(t -> t.getMetadata().getName().equals(state.getName())),
        overlay + ": STATE_DIR " + stateDir + " is not on a volume claim template");

    int replicas = serving.getSpec().getReplicas();
    int standbys = Integer.parseInt(env.get("NUM_STANDBY_REPLICAS"));
    if (replicas > 1) {
      assertTrue(
          standbys >= 1, overlay + ": " + replicas + " serving pods but no standby replicas");
    }
    assertTrue(
        standbys == 0 || standbys < replicas,
        overlay + ": more standby replicas than other pods to hold them");

    assertEquals("fieldRef:metadata.name", env.get("POD_NAME"), overlay);
    assertEquals(
        "$(POD_NAME)",
        env.get("GROUP_INSTANCE_ID"),
        overlay + ": static membership from the pod name");
    String headless = serving.getSpec().getServiceName();
    assertEquals(
        "$(POD_NAME)." + headless + ".$(POD_NAMESPACE).svc.cluster.local:" + env.get("PORT"),
        env.get("APPLICATION_SERVER"),
        overlay);
    assertEquals("fieldRef:metadata.namespace", env.get("POD_NAMESPACE"), overlay);
    // Variables must be defined before the one that references them, or Kubernetes leaves $(NAME)
    // as it is.
    List<String> order = container.getEnv().stream().map(e -> e.getName()).toList();
    assertTrue(order.indexOf("POD_NAME") < order.indexOf("APPLICATION_SERVER"), order::toString);
    assertTrue(
        order.indexOf("POD_NAMESPACE") < order.indexOf("APPLICATION_SERVER"), order::toString);

    Service service = Manifests.get(objects, Service.class, headless);
    assertEquals(
        "None", service.getSpec().getClusterIP(), overlay + ": " + headless + " must be headless");
    assertEquals(serving.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());

    PodDisruptionBudget pdb = Manifests.get(objects, PodDisruptionBudget.class, "serving");
    assertEquals(
        serving.getSpec().getSelector().getMatchLabels(),
        pdb.getSpec().getSelector().getMatchLabels());
    assertNotNull(pdb.getSpec().getMaxUnavailable(), overlay);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void trainerAndServingShareTheModelStoreAtTheSamePath(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    Container trainer = container(objects, "trainer");
    Container serving = container(objects, "serving");
    String store = Manifests.environment(trainer, objects).get("MODEL_STORE");
    // Releases carry absolute file: uris written by the trainer.
    assertEquals(store, Manifests.environment(serving, objects).get("MODEL_STORE"), overlay);
    String trainerClaim = claimOf(pod(objects, "trainer"), mount(trainer, store).getName());
    String servingClaim = claimOf(pod(objects, "serving"), mount(serving, store).getName());
    assertEquals(trainerClaim, servingClaim, overlay);
    assertEquals(
        Boolean.TRUE,
        mount(serving, store).getReadOnly(),
        overlay + ": serving only reads the store");
    Deployment deployment = Manifests.get(objects, Deployment.class, "trainer");
    assertEquals(1, deployment.getSpec().getReplicas(), overlay + ": one trainer writes the store");
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType(), overlay);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void workerScalesOnTheLagOfItsConsumerGroupOnCatalogItems(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    GenericKubernetesResource scaled =
        Manifests.custom(objects, "ScaledObject", "embedding-worker");
    Map<String, Object> spec = scaled.get("spec");
    assertEquals("embedding-worker", ((Map<?, ?>) spec.get("scaleTargetRef")).get("name"));
    Manifests.get(objects, Deployment.class, "embedding-worker");
    int min = ((Number) spec.get("minReplicaCount")).intValue();
    int max = ((Number) spec.get("maxReplicaCount")).intValue();
    assertTrue(min >= 1 && min <= max, overlay + ": min " + min + " max " + max);
    int partitions = Integer.parseInt(topicsJobEnv(objects).get("PARTITIONS"));
    assertTrue(
        max <= partitions,
        overlay
            + ": more worker replicas ("
            + max
            + ") than partitions ("
            + partitions
            + ") leaves some idle");

    Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
    assertEquals("kafka", trigger.get("type"));
    Map<?, ?> metadata = (Map<?, ?>) trigger.get("metadata");
    assertEquals("catalog.items", metadata.get("topic"));
    Map<String, String> env =
        Manifests.environment(container(objects, "embedding-worker"), objects);
    String group =
        env.getOrDefault(
            "WORKER_GROUP_ID", ServiceConfig.load("embedding-worker").defaultOf("WORKER_GROUP_ID"));
    assertEquals(
        group, metadata.get("consumerGroup"), overlay + ": KEDA must watch the worker's own group");
    assertTrue(Long.parseLong((String) metadata.get("lagThreshold")) > 0, overlay);
    assertTrue(env.containsKey((String) metadata.get("bootstrapServersFromEnv")), overlay);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void topicsJobCreatesExactlyTheCatalog(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    Job job = Manifests.get(objects, Job.class, "llmemb-topics");
    String configMap =
        job.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    String script =
        Manifests.get(objects, ConfigMap.class, configMap).getData().get("create-topics.sh");
    assertEquals(TopicCatalog.expected(), TopicCatalog.createdBy(script), overlay);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void networkPoliciesDenyByDefaultAndOpenEachServicePort(String overlay) {
    List<HasMetadata> objects = BUILT.get(overlay);
    List<NetworkPolicy> policies = Manifests.all(objects, NetworkPolicy.class);
    assertTrue(
        policies.stream()
            .anyMatch(
                p ->
                    isEmpty(p.getSpec().getPodSelector().getMatchLabels())
                        && p.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                        && p.getSpec().getIngress().isEmpty()
                        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))),
        overlay + ": no default-deny policy");
    for (String service : Repo.SERVICES) {
      int port = Integer.parseInt(ServiceConfig.load(service).defaultOf("PORT"));
      Map<String, String> labels = pod(objects, service).getMetadata().getLabels();
      boolean open =
          policies.stream()
              .filter(p -> selects(p, labels))
              .flatMap(p -> p.getSpec().getIngress().stream())
              .flatMap(rule -> rule.getPorts().stream())
              .anyMatch(p -> p.getPort().getIntVal() == port);
      assertTrue(open, overlay + ": no policy lets anything reach " + service + " on " + port);
    }
  }

  @Test
  void gpuOverlayPutsTheWorkerOnAGpu() {
    List<HasMetadata> objects = BUILT.get("gpu");
    PodSpec spec = pod(objects, "embedding-worker").getSpec();
    Container worker = container(objects, "embedding-worker");
    assertEquals(new Quantity("1"), worker.getResources().getLimits().get("nvidia.com/gpu"));
    assertFalse(spec.getNodeSelector().isEmpty(), "node selector for the GPU pool");
    assertTrue(spec.getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())));
    assertEquals("gpu", Manifests.environment(worker, objects).get("DEVICE"));
    assertTrue(worker.getImage().endsWith("-gpu"), worker.getImage());
    // The other overlays stay on CPU.
    assertEquals(
        "cpu",
        Manifests.environment(
                container(BUILT.get("production"), "embedding-worker"), BUILT.get("production"))
            .get("DEVICE"));
  }

  @Test
  void ownRegistryOverlayRunsOneRegistryThatEveryServiceUses() {
    List<HasMetadata> objects = BUILT.get("dev-own-registry");
    Deployment registry = Manifests.get(objects, Deployment.class, "schema-registry");
    // Ids are allocated without leader election: one writer to the store topic, never two.
    assertEquals(1, registry.getSpec().getReplicas());
    assertEquals("Recreate", registry.getSpec().getStrategy().getType());
    Container container = container(objects, "schema-registry");
    assertTrue(container.getImage().startsWith("llmemb/schema-registry:"), container.getImage());
    Map<String, String> env = Manifests.environment(container, objects);
    Set<String> reads = OwnRegistryComposeTest.registryMainVariables();
    for (String variable : env.keySet()) {
      // SCHEMA_REGISTRY_URL comes with the services' shared Kafka ConfigMap; RegistryMain ignores
      // it.
      assertTrue(
          reads.contains(variable) || variable.equals("SCHEMA_REGISTRY_URL"),
          variable + " is not read by RegistryMain: " + reads);
    }
    assertEquals("1", env.get("REGISTRY_TOPIC_REPLICATION_FACTOR"), "one broker in dev");
    int port = Integer.parseInt(env.get("REGISTRY_PORT"));
    assertEquals(port, container.getPorts().get(0).getContainerPort());
    assertProbe(container.getReadinessProbe(), "/subjects", "registry readiness reads the store");

    Service service = Manifests.get(objects, Service.class, "schema-registry");
    assertEquals(
        registry.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
    String url =
        "http://"
            + service.getMetadata().getName()
            + ":"
            + service.getSpec().getPorts().get(0).getPort();
    for (String name : Repo.SERVICES) {
      assertEquals(
          url,
          Manifests.environment(container(objects, name), objects).get("SCHEMA_REGISTRY_URL"),
          name + " must use the registry in its namespace");
    }
    Map<String, String> registryLabels = pod(objects, "schema-registry").getMetadata().getLabels();
    for (String name : Repo.SERVICES) {
      Map<String, String> client = pod(objects, name).getMetadata().getLabels();
      boolean admitted =
          Manifests.all(objects, NetworkPolicy.class).stream()
              .filter(p -> selects(p, registryLabels))
              .flatMap(p -> p.getSpec().getIngress().stream())
              .filter(
                  rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port))
              .flatMap(rule -> rule.getFrom().stream())
              .anyMatch(
                  peer ->
                      peer.getNamespaceSelector() == null
                          && peer.getPodSelector() != null
                          && selectsLabels(peer.getPodSelector(), client));
      assertTrue(admitted, "no policy lets " + name + " reach the registry on " + port);
    }
    // The other overlays keep an external registry.
    assertTrue(
        Manifests.environment(container(BUILT.get("dev"), "serving"), BUILT.get("dev"))
            .get("SCHEMA_REGISTRY_URL")
            .contains(".svc:"));
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
    return selectsLabels(policy.getSpec().getPodSelector(), labels);
  }

  private static boolean selectsLabels(LabelSelector selector, Map<String, String> labels) {
    boolean byLabels =
        isEmpty(selector.getMatchLabels())
            || selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    boolean byExpressions =
        selector.getMatchExpressions().stream()
            .allMatch(
                e ->
                    switch (e.getOperator()) {
                      case "In" -> e.getValues().contains(labels.get(e.getKey()));
                      case "Exists" -> labels.containsKey(e.getKey());
                      default ->
                          throw new AssertionError(
                              "operator " + e.getOperator() + " not handled by this test");
                    });
    return byLabels && byExpressions;
  }

  private static void assertProbe(Probe probe, String path, String where) {
    assertNotNull(probe, where);
    assertEquals(path, probe.getHttpGet().getPath(), where);
  }

  private static double bytesOrCores(Quantity q) {
    return Quantity.getAmountInBytes(q).doubleValue();
  }

  private static VolumeMount mount(Container container, String path) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
  }

  private static String claimOf(PodTemplateSpec pod, String volume) {
    return pod.getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(volume))
        .findFirst()
        .orElseThrow()
        .getPersistentVolumeClaim()
        .getClaimName();
  }

  private static Map<String, String> topicsJobEnv(List<HasMetadata> objects) {
    Job job = Manifests.get(objects, Job.class, "llmemb-topics");
    return Manifests.environment(
        job.getSpec().getTemplate().getSpec().getContainers().get(0), objects);
  }

  /** Pod templates of every workload, by kind/name. */
  private static Map<String, PodTemplateSpec> pods(List<HasMetadata> objects) {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    Manifests.all(objects, Deployment.class)
        .forEach(
            d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
    Manifests.all(objects, StatefulSet.class)
        .forEach(
            s -> pods.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
    Manifests.all(objects, Job.class)
        .forEach(j -> pods.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
    return pods;
  }

  private static PodTemplateSpec pod(List<HasMetadata> objects, String service) {
    return pods(objects).entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + service))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no workload named " + service))
        .getValue();
  }

  private static Container container(List<HasMetadata> objects, String service) {
    return pod(objects, service).getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(service))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container named " + service));
  }
}
