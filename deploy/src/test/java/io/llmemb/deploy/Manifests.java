package io.llmemb.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The k8s/ overlays as built by {@code kubectl kustomize} and parsed into fabric8's typed
 * Kubernetes model.
 */
final class Manifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** Every overlay directory under k8s/overlays. */
  static List<Path> overlays() {
    try (Stream<Path> dirs = Files.list(Repo.path("k8s/overlays"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code kubectl kustomize <dir>}'s output (fails the test with kubectl's message when the build
   * fails).
   */
  static String build(Path kustomizeDir) {
    Tool.Result result =
        Tool.run(
            List.of("kubectl", "kustomize", kustomizeDir.toString()),
            Repo.root(),
            Duration.ofSeconds(120));
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "kubectl kustomize "
              + Repo.root().relativize(kustomizeDir)
              + " failed:\n"
              + result.stderr());
    }
    return result.stdout();
  }

  /** Each YAML document of {@code yaml} as the typed object its apiVersion and kind name. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) {
        objects.add(SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), HasMetadata.class));
      }
    }
    return objects;
  }

  /**
   * Paths of fields the typed model did not recognise (fabric8 keeps them aside as "additional
   * properties" instead of failing); a misspelt or misplaced key shows up here.
   */
  static List<String> unknownFields(HasMetadata object) {
    List<String> out = new ArrayList<>();
    walk(object, object.getKind() + "/" + object.getMetadata().getName(), out);
    return out;
  }

  private static void walk(Object node, String path, List<String> out) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, out));
      return;
    }
    Class<?> type = node.getClass();
    if (!type.getName().startsWith("io.fabric8.")
        || node instanceof GenericKubernetesResource
        || type.isEnum()) {
      return;
    }
    for (Method getter : type.getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": " + extra.keySet());
        }
      } else {
        walk(value, path + "." + decapitalize(getter.getName().substring(3)), out);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot read " + getter + " of " + target.getClass().getName(), e);
    }
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** The one object of {@code type} named {@code name}, failing when it is missing. */
  static <T extends HasMetadata> T get(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
  }

  /** Objects of {@code type}. */
  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The custom resource of {@code kind} named {@code name} (kinds the typed model does not know).
   */
  static GenericKubernetesResource custom(List<HasMetadata> objects, String kind, String name) {
    return objects.stream()
        .filter(GenericKubernetesResource.class::isInstance)
        .map(GenericKubernetesResource.class::cast)
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /**
   * A container's environment as the pod sees it: the keys of every ConfigMap and Secret of {@code
   * envFrom} (which must exist in {@code objects} unless optional), then {@code env} (a value from
   * a field reference reads as {@code fieldRef:<path>}).
   */
  static Map<String, String> environment(Container container, List<HasMetadata> objects) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      if (source.getConfigMapRef() != null) {
        String name = source.getConfigMapRef().getName();
        if (Boolean.TRUE.equals(source.getConfigMapRef().getOptional())
            && all(objects, ConfigMap.class).stream()
                .noneMatch(c -> c.getMetadata().getName().equals(name))) {
          continue;
        }
        env.putAll(get(objects, ConfigMap.class, name).getData());
      }
      if (source.getSecretRef() != null) {
        Secret secret = get(objects, Secret.class, source.getSecretRef().getName());
        secret
            .getData()
            .forEach(
                (k, v) ->
                    env.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
    }
    for (EnvVar var : container.getEnv()) {
      if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        env.put(var.getName(), "fieldRef:" + var.getValueFrom().getFieldRef().getFieldPath());
      } else {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      }
    }
    return env;
  }
}
