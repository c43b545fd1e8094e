package io.llmemb.devstack;

/** Where a {@link KafkaStack} runs. */
public enum StackKind {
  /** Named by system properties / environment variables; started and owned by someone else. */
  EXTERNAL,
  /** {@code KafkaClusterTestKit} broker and our registry inside the test JVM. */
  IN_PROCESS,
  /** A {@code kafka.Kafka} child JVM and our registry (the {@code devstack} CLI). */
  CHILD_PROCESS,
  /** Testcontainers: the Apache Kafka image and the real Confluent Schema Registry image. */
  CONTAINERS
}
