package io.llmemb.serving.topology;

import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.InputLimits;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.RawEmbedding;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor of {@code catalog.item_embeddings}: keeps the raw embedding of every item
 * in the global store (every instance needs every item to score; {@link ItemVectors} reads it back
 * on a model swap) and hands it to {@link ItemVectors}, which adapts it under the current model, so
 * an item is recommendable as soon as its embedding arrives. A tombstone deletes the item. A record
 * that cannot be a usable embedding (key differing from itemId, ids out of bounds, a non-finite
 * component, a width the current model of the same text model cannot use) is dead-lettered with the
 * reason and neither stored nor indexed.
 */
final class EmbeddingsUpdater implements Processor<String, ItemEmbedding, Void, Void> {

  private final ItemVectors vectors;
  private final Topic<String, ItemEmbedding> topic;
  private final DeadLetterWriter deadLetters;
  private final ServingMetrics metrics;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, ItemEmbedding> store;

  EmbeddingsUpdater(
      ItemVectors vectors,
      Topic<String, ItemEmbedding> topic,
      DeadLetterWriter deadLetters,
      ServingMetrics metrics) {
    this.vectors = vectors;
    this.topic = topic;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    store = context.getStateStore(ServingTopology.EMBEDDINGS_STORE);
    vectors.readFrom(new StoredEmbeddings(store));
    // After a restart the store is restored from the topic; feed what it holds so the index is
    // complete again.
    try (KeyValueIterator<String, ItemEmbedding> all = store.all()) {
      all.forEachRemaining(kv -> vectors.upsert(kv.key, raw(kv.value), createdAt(kv.value)));
    }
  }

  @Override
  public void process(Record<String, ItemEmbedding> record) {
    String itemId = record.key();
    if (itemId == null) {
      deadLetter(record, "record has no key (the itemId)");
      return;
    }
    ItemEmbedding value = record.value();
    if (value == null) {
      store.delete(itemId);
      vectors.delete(itemId);
      return;
    }
    Optional<String> problem = InputLimits.check(itemId, value);
    RawEmbedding raw = problem.isPresent() ? null : raw(value);
    if (raw != null) {
      problem = vectors.unusable(raw);
    }
    if (problem.isPresent()) {
      deadLetter(record, problem.get());
      return;
    }
    store.put(itemId, value);
    vectors.upsert(itemId, raw, createdAt(value));
  }

  private void deadLetter(Record<String, ItemEmbedding> record, String problem) {
    Optional<RecordMetadata> source = context.recordMetadata();
    String name = topic.name();
    // The global context keeps no raw bytes; the decoded record is encoded again (same registry
    // schema).
    byte[] key =
        record.key() == null ? null : topic.keySerde().serializer().serialize(name, record.key());
    byte[] value =
        record.value() == null
            ? null
            : topic.valueSerde().serializer().serialize(name, record.value());
    deadLetters.send(
        DeadLetters.record(
            source.map(RecordMetadata::topic).orElse(name),
            source.map(RecordMetadata::partition).orElse(-1),
            source.map(RecordMetadata::offset).orElse(-1L),
            record.timestamp(),
            record.headers(),
            key,
            value,
            new InvalidEmbeddingException(problem)));
    metrics.deadLettered(TopicNames.dlq(name));
  }

  private static long createdAt(ItemEmbedding e) {
    return e.getCreatedAt() == null ? Long.MAX_VALUE : e.getCreatedAt().toEpochMilli();
  }

  static RawEmbedding raw(ItemEmbedding e) {
    return RawEmbedding.of(e.getVector(), e.getLlmVersion());
  }
}
