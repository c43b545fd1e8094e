package io.llmemb.devstack;

/**
 * A running Kafka broker and Confluent-API schema registry that tests (or the demo) talk to.
 * Injected into JUnit 5 test methods and constructors by {@code junit.KafkaStackExtension}; one per
 * test JVM.
 */
public interface KafkaStack {

  /** {@code host:port[,...]} for Kafka clients. */
  String bootstrapServers();

  /** Base URL of the schema registry, e.g. {@code http://localhost:8081}. */
  String schemaRegistryUrl();

  /** Which kind of stack this is (tests may log it; behaviour must not depend on it). */
  StackKind kind();
}
