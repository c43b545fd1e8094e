package io.llmemb.embeddingworker;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/**
 * Entry point of the embedding-worker service. Consumes catalog.items, embeds new or changed item
 * prompts with the SCFT-tuned text model, publishes catalog.item_embeddings.
 *
 * <p>Configuration is {@code application.yml} with environment overrides ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code DEVICE}, {@code BATCH_SIZE}, ...);
 * {@code /health} and {@code /prometheus} are served on {@code PORT}. {@code --backfill} re-reads
 * the whole catalog (same as {@code BACKFILL=true}).
 */
public final class Application {

  /** Command-line flag for backfill mode. */
  public static final String BACKFILL_FLAG = "--backfill";

  private Application() {}

  /** Starts the service. */
  public static void main(String[] args) {
    String[] mapped =
        Arrays.stream(args)
            .map(a -> a.equals(BACKFILL_FLAG) ? "--llmemb.worker.backfill=true" : a)
            .toArray(String[]::new);
    Micronaut.run(Application.class, mapped);
  }
}
