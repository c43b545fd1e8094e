package io.llmemb.embeddingworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the embedding worker ({@code llmemb.worker.*} in application.yml, each with an
 * environment override there).
 *
 * @param enabled start the consume-embed-produce loop (tests of single beans turn it off)
 * @param groupId consumer group; instances of one group split the {@code catalog.items} partitions
 * @param promptKind prompt template of {@code io.llmemb.text.PromptTemplates} (movielens,
 *     amazon-beauty, yelp, ...)
 * @param encoder text encoder key (minilm, bge-small)
 * @param loraDir SCFT LoRA checkpoint merged into the encoder; null for the plain pretrained
 *     weights
 * @param device cpu, gpu or gpu:N
 * @param maxTokens prompt truncation length
 * @param threads PyTorch intra-op threads
 * @param batchSize embed as soon as this many new or changed items are pending
 * @param maxWait embed a smaller batch once its oldest record has waited this long
 * @param pollTimeout longest single consumer poll
 * @param backfill re-read {@code catalog.items} from the start and report progress (unchanged items
 *     still skip)
 * @param progressInterval how often backfill progress is logged
 * @param groupInstanceId static membership id (e.g. the pod name); blank for dynamic membership
 * @param sessionTimeout how long a crashed worker keeps its partitions before the group moves them
 */
@ConfigurationProperties("llmemb.worker")
public record WorkerConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "llmemb-embedding-worker") String groupId,
    @Bindable(defaultValue = "movielens") String promptKind,
    @Bindable(defaultValue = "minilm") String encoder,
    @Nullable String loraDir,
    @Bindable(defaultValue = "cpu") String device,
    @Bindable(defaultValue = "256") int maxTokens,
    @Bindable(defaultValue = "2") int threads,
    @Bindable(defaultValue = "32") int batchSize,
    @Bindable(defaultValue = "200ms") Duration maxWait,
    @Bindable(defaultValue = "500ms") Duration pollTimeout,
    @Bindable(defaultValue = "false") boolean backfill,
    @Bindable(defaultValue = "10s") Duration progressInterval,
    @Bindable(defaultValue = "") String groupInstanceId,
    @Bindable(defaultValue = "10s") Duration sessionTimeout) {

  /** Validates the values a typo could break; the message names the key. */
  public WorkerConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("llmemb.worker.batch-size must be >= 1, was " + batchSize);
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("llmemb.worker.max-wait must be >= 0, was " + maxWait);
    }
    if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new IllegalArgumentException(
          "llmemb.worker.poll-timeout must be > 0, was " + pollTimeout);
    }
    groupInstanceId = groupInstanceId == null ? "" : groupInstanceId.trim();
    if (sessionTimeout == null || sessionTimeout.toMillis() < 1_000) {
      throw new IllegalArgumentException(
          "llmemb.worker.session-timeout must be >= 1s, was " + sessionTimeout);
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("llmemb.worker.group-id must be non-blank");
    }
  }
}
