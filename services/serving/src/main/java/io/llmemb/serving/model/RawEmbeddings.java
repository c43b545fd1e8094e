package io.llmemb.serving.model;

import java.util.function.BiConsumer;

/**
 * Every raw embedding serving has accepted, by item id: what a model swap re-adapts the items its
 * bundle does not know from. In the running service this is the global store of {@code
 * catalog.item_embeddings} (RocksDB, off the heap), so the 384-float vectors are not held a second
 * time on the heap.
 */
public interface RawEmbeddings {

  /** Calls {@code action} once per item, in no particular order. */
  void forEach(BiConsumer<String, RawEmbedding> action);

  /** How many items there are (may be an estimate for a persistent store). */
  long count();
}
