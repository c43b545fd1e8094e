package io.llmemb.embeddingworker;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the embedding-worker service. Consumes catalog.items, embeds new or changed item prompts with the SCFT-tuned text model, publishes catalog.item_embeddings.
 *
 * <p>Configuration is {@code application.yml} with environment overrides ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code SCHEMA_REGISTRY_URL}, ...); {@code /health} and {@code /prometheus} are served on {@code PORT}.
 */
public final class Application {

  private Application() {}

  /** Starts the service. */
  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
