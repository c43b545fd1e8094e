package io.llmemb.devstack.junit;

import io.llmemb.devstack.CloseableKafkaStack;
import io.llmemb.devstack.KafkaStack;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension injecting a {@link KafkaStack} parameter. The stack is started once per test
 * JVM (root store, closed when the JVM's tests end) and shared by every test class: an {@link
 * ExternalStack} when configured, else an {@link InProcessStack}. Tests marked {@link DockerStack}
 * get the {@link ContainerStack} instead and are disabled when no Docker engine is available.
 *
 * <pre>{@code
 * @ExtendWith(KafkaStackExtension.class)
 * class MyIT {
 *   @Test void roundTrip(KafkaStack stack) { ... stack.bootstrapServers() ... stack.schemaRegistryUrl() ... }
 * }
 * }</pre>
 */
public final class KafkaStackExtension implements ParameterResolver, ExecutionCondition {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaStackExtension.class);
  private static final String DEFAULT_KEY = "default-stack";
  private static final String DOCKER_KEY = "docker-stack";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!wantsDocker(context)) {
      return ConditionEvaluationResult.enabled("no Docker needed");
    }
    return DockerProbe.available()
        ? ConditionEvaluationResult.enabled("Docker engine available")
        : ConditionEvaluationResult.disabled(
            "@DockerStack test skipped: no Docker engine available");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context, wantsDocker(context));
  }

  /** The per-JVM stack of the wanted kind, starting it on first use. */
  static KafkaStack shared(ExtensionContext context, boolean docker) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    String key = docker ? DOCKER_KEY : DEFAULT_KEY;
    return store.getOrComputeIfAbsent(key, k -> start(docker), KafkaStack.class);
  }

  private static CloseableKafkaStack start(boolean docker) {
    if (docker) {
      return ContainerStack.start();
    }
    return ExternalStack.fromEnvironment().orElseGet(InProcessStack::start);
  }

  private static boolean wantsDocker(ExtensionContext context) {
    return context.getElement().map(e -> e.isAnnotationPresent(DockerStack.class)).orElse(false)
        || context.getTestClass().map(c -> c.isAnnotationPresent(DockerStack.class)).orElse(false);
  }
}
