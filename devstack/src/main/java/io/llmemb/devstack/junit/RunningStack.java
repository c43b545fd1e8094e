package io.llmemb.devstack.junit;

import io.llmemb.devstack.CloseableKafkaStack;
import io.llmemb.devstack.StackKind;
import java.util.Objects;

/**
 * A started stack and what to close when the test JVM is done with it.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry base URL
 * @param kind where it runs
 * @param onClose stops whatever this JVM started (nothing for external stacks)
 */
record RunningStack(
    String bootstrapServers, String schemaRegistryUrl, StackKind kind, AutoCloseable onClose)
    implements CloseableKafkaStack {

  RunningStack {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(onClose, "onClose");
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new IllegalStateException(
          "closing the " + kind + " stack failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind + " stack (bootstrap " + bootstrapServers + ", registry " + schemaRegistryUrl + ")";
  }
}
