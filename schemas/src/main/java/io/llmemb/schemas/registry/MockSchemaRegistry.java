package io.llmemb.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory registries of one JVM, keyed by scope name, as in Confluent's {@code mock://scope}
 * convention: every serde configured with the same {@code mock://scope} URL shares one registry, so
 * a serializer and a deserializer built separately (e.g. by a topology and a {@code
 * TopologyTestDriver} test) agree on ids.
 *
 * <p>Tests use a fresh scope name per test (or call {@link #dropScope(String)} in teardown) instead
 * of resetting shared state.
 */
public final class MockSchemaRegistry {

  private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The registry of {@code scope}, created empty on first use. */
  public static MockSchemaRegistryClient scope(String scope) {
    return SCOPES.computeIfAbsent(
        java.util.Objects.requireNonNull(scope, "scope"), MockSchemaRegistryClient::new);
  }

  /**
   * Forgets the registry of {@code scope}; the next {@link #scope(String)} call starts an empty
   * one.
   */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }
}
