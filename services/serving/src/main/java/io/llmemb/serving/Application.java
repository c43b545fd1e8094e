package io.llmemb.serving;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the serving service. Kafka Streams app: keeps each user's recent sequence in
 * RocksDB, scores all items with the current model and emits next-item recommendations.
 *
 * <p>Configuration is {@code application.yml} with environment overrides ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, ...); {@code /health} and {@code
 * /prometheus} are served on {@code PORT}.
 */
public final class Application {

  private Application() {}

  /** Starts the service. */
  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
