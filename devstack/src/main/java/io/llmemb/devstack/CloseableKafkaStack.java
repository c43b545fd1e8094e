package io.llmemb.devstack;

/**
 * A {@link KafkaStack} its starter owns and must close (outside JUnit, e.g. benchmarks). Stacks
 * injected by {@code junit.KafkaStackExtension} are shared and closed by the extension; tests
 * receive them as plain {@link KafkaStack}.
 */
public interface CloseableKafkaStack extends KafkaStack, AutoCloseable {

  /** Stops what this stack started; idempotent where the parts allow it. */
  @Override
  void close();
}
