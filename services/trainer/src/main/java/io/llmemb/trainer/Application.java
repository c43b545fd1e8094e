package io.llmemb.trainer;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the trainer service. Periodically retrains RAT on the interaction log, evaluates
 * it and releases a versioned model when it passes the eval gate.
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
