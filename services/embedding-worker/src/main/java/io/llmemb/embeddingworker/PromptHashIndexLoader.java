package io.llmemb.embeddingworker;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code catalog.item_embeddings} topic from its start to the end offsets seen
 * when the read began and returns the latest fingerprint per item (tombstones remove). Undecodable
 * records are skipped with a warning: they cannot have come from this worker and must not stop it
 * from starting.
 */
public final class PromptHashIndexLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PromptHashIndexLoader.class);

  private final Map<String, Object> clientConfig;
  private final Topic<String, ItemEmbedding> topic;
  private final Duration timeout;

  /**
   * @param clientConfig base Kafka client settings (bootstrap servers at least); no group is used
   * @param topic the embeddings topic with its serdes
   * @param timeout give up (and fail start-up) when the topic cannot be read to its end within this
   *     time
   */
  public PromptHashIndexLoader(
      Map<String, Object> clientConfig, Topic<String, ItemEmbedding> topic, Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.timeout = timeout;
  }

  /** The latest fingerprint of every item with a published embedding. */
  public Map<String, PromptHashIndex.Fingerprint> load() {
    long[] skipped = new long[1];
    Map<String, ItemEmbedding> latest =
        TopicReader.latestByKey(
            clientConfig,
            topic,
            timeout,
            (r, e) -> {
              skipped[0]++;
              LOG.warn(
                  "Skipping undecodable {} record at partition {} offset {}: {}",
                  topic.name(),
                  r.partition(),
                  r.offset(),
                  e.toString());
            });
    Map<String, PromptHashIndex.Fingerprint> out = new HashMap<>();
    latest.forEach(
        (id, e) ->
            out.put(id, new PromptHashIndex.Fingerprint(e.getPromptHash(), e.getLlmVersion())));
    LOG.info(
        "Loaded {} item fingerprints from {} ({} undecodable records skipped)",
        out.size(),
        topic.name(),
        skipped[0]);
    return out;
  }
}
