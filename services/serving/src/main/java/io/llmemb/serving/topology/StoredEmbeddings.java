package io.llmemb.serving.topology;

import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.serving.model.RawEmbedding;
import io.llmemb.serving.model.RawEmbeddings;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The raw embeddings of the global {@code catalog.item_embeddings} store. Read on the global-store
 * thread only (the embeddings and the releases are both global stores, so a swap runs there too).
 */
final class StoredEmbeddings implements RawEmbeddings {

  private final KeyValueStore<String, ItemEmbedding> store;

  StoredEmbeddings(KeyValueStore<String, ItemEmbedding> store) {
    this.store = store;
  }

  @Override
  public void forEach(BiConsumer<String, RawEmbedding> action) {
    try (KeyValueIterator<String, ItemEmbedding> all = store.all()) {
      all.forEachRemaining(kv -> action.accept(kv.key, EmbeddingsUpdater.raw(kv.value)));
    }
  }

  @Override
  public long count() {
    return store.approximateNumEntries();
  }
}
