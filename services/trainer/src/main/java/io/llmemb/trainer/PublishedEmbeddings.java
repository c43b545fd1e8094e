package io.llmemb.trainer;

import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The item embeddings of {@code catalog.item_embeddings} as read at the start of a training check.
 * The job decides which items to train on from this map and the text-aware trainers build their
 * table from the same map, so an embedding published in between cannot make the two disagree. Not
 * thread-safe (one check at a time).
 */
final class PublishedEmbeddings implements Supplier<Map<String, ItemEmbedding>> {

  private final Supplier<Map<String, ItemEmbedding>> topic;
  private Map<String, ItemEmbedding> current;

  /**
   * @param topic reads the latest embedding per item id from the topic
   */
  PublishedEmbeddings(Supplier<Map<String, ItemEmbedding>> topic) {
    this.topic = topic;
  }

  /** Reads the topic again; {@link #get} answers this map until the next refresh. */
  Map<String, ItemEmbedding> refresh() {
    current = Map.copyOf(topic.get());
    return current;
  }

  /** The map of the last {@link #refresh}, read now when there was none. */
  @Override
  public Map<String, ItemEmbedding> get() {
    return current != null ? current : refresh();
  }
}
