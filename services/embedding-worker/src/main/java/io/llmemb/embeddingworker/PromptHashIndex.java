package io.llmemb.embeddingworker;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was last published for each item: {@code itemId -> (promptHash, llmVersion)}. An item is
 * re-embedded only when its prompt hash or the model changed. Rebuilt on start from the compacted
 * {@code catalog.item_embeddings} topic (see {@link PromptHashIndexLoader}), so it needs no state
 * of its own.
 */
public final class PromptHashIndex {

  /**
   * What identifies a published vector: the prompt text (by hash) and the model that embedded it.
   */
  public record Fingerprint(String promptHash, String llmVersion) {
    /** Validates both components. */
    public Fingerprint {
      Objects.requireNonNull(promptHash, "promptHash");
      Objects.requireNonNull(llmVersion, "llmVersion");
    }
  }

  private final Map<String, Fingerprint> byItem = new ConcurrentHashMap<>();

  /** True when {@code itemId} was already published with exactly this fingerprint. */
  public boolean isCurrent(String itemId, Fingerprint fingerprint) {
    return fingerprint.equals(byItem.get(itemId));
  }

  /** True when an embedding of {@code itemId} is published (and not tombstoned). */
  public boolean contains(String itemId) {
    return byItem.containsKey(itemId);
  }

  /** Records that {@code itemId} now has an embedding with {@code fingerprint}. */
  public void put(String itemId, Fingerprint fingerprint) {
    byItem.put(itemId, fingerprint);
  }

  /** Forgets {@code itemId} (its embedding was tombstoned); returns whether it was known. */
  public boolean remove(String itemId) {
    return byItem.remove(itemId) != null;
  }

  /** Replaces the whole content (used after a reload from the topic). */
  public void replaceWith(Map<String, Fingerprint> entries) {
    byItem.clear();
    byItem.putAll(entries);
  }

  /** Number of items with a published embedding. */
  public int size() {
    return byItem.size();
  }
}
