package io.llmemb.serving.topology;

import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.RawEmbedding;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor of {@code catalog.item_embeddings}: keeps the raw embedding of every item (every instance
 * needs every item to score) and hands it to {@link ItemVectors}, which adapts it under the current model, so an
 * item is recommendable as soon as its embedding arrives. A tombstone deletes the item.
 */
final class EmbeddingsUpdater implements Processor<String, ItemEmbedding, Void, Void> {

  private final ItemVectors vectors;
  private KeyValueStore<String, ItemEmbedding> store;

  EmbeddingsUpdater(ItemVectors vectors) {
    this.vectors = vectors;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ServingTopology.EMBEDDINGS_STORE);
    // After a restart the store is restored from the topic; feed what it holds so the index is complete again.
    try (KeyValueIterator<String, ItemEmbedding> all = store.all()) {
      all.forEachRemaining(kv -> vectors.upsert(kv.key, raw(kv.value)));
    }
  }

  @Override
  public void process(Record<String, ItemEmbedding> record) {
    String itemId = record.key();
    if (itemId == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(itemId);
      vectors.delete(itemId);
    } else {
      store.put(itemId, record.value());
      vectors.upsert(itemId, raw(record.value()));
    }
  }

  private static RawEmbedding raw(ItemEmbedding e) {
    return RawEmbedding.of(e.getVector(), e.getLlmVersion());
  }
}
