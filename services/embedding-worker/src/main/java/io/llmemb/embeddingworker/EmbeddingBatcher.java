package io.llmemb.embeddingworker;

import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.InputLimits;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The worker's decisions without any Kafka I/O: for each {@code catalog.items} record, skip it
 * (prompt hash and model unchanged), queue it for embedding, tombstone its embedding (null value or
 * {@code deleted}), or dead-letter it (undecodable, no key, key differs from itemId, a field beyond
 * {@link InputLimits}). Pending work is released as output records, in input order, when {@link
 * #isFull() enough prompts} are queued or the oldest pending record {@link #isDue() waited} long
 * enough; the caller produces them and commits the consumed offsets only after the broker
 * acknowledged them.
 *
 * <p>The index is updated when a record is accepted, so a second copy of an item in the same batch
 * is skipped. If producing fails, the caller must rebuild the index from the topic before consuming
 * again. Not thread-safe: one instance per consumer thread.
 */
public final class EmbeddingBatcher {

  /**
   * One pending output, kept in input order so a tombstone after an update of the same key stays
   * last.
   */
  private sealed interface Unit permits Ready, ToEmbed {}

  private record Ready(ProducerRecord<byte[], byte[]> record) implements Unit {}

  private record ToEmbed(PromptedItem item) implements Unit {}

  private final ItemPrompter prompter;
  private final PromptHashIndex index;
  private final Embedder embedder;
  private final Topic<String, Item> items;
  private final Topic<String, ItemEmbedding> embeddings;
  private final int batchSize;
  private final Duration maxWait;
  private final WorkerMetrics metrics;
  private final Clock clock;

  private final List<Unit> pending = new ArrayList<>();
  private int toEmbed;
  private Instant oldest;

  /**
   * @param batchSize release once this many prompts are pending
   * @param maxWait release once the oldest pending record is this old
   */
  public EmbeddingBatcher(
      ItemPrompter prompter,
      PromptHashIndex index,
      Embedder embedder,
      Topic<String, Item> items,
      Topic<String, ItemEmbedding> embeddings,
      int batchSize,
      Duration maxWait,
      WorkerMetrics metrics,
      Clock clock) {
    this.prompter = prompter;
    this.index = index;
    this.embedder = embedder;
    this.items = items;
    this.embeddings = embeddings;
    this.batchSize = batchSize;
    this.maxWait = maxWait;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Classifies one consumed record; its output (if any) is pending until {@link #drain()}. */
  public void accept(ConsumerRecord<byte[], byte[]> record) {
    if (oldest == null) {
      oldest = clock.instant();
    }
    String key;
    Item item;
    try {
      key =
          record.key() == null
              ? null
              : items.keySerde().deserializer().deserialize(record.topic(), record.key());
      item =
          record.value() == null
              ? null
              : items
                  .valueSerde()
                  .deserializer()
                  .deserialize(record.topic(), record.headers(), record.value());
      if (key == null || key.isBlank()) {
        throw new MalformedItemException("record has no key (the itemId)");
      }
      InputLimits.checkId("key", key)
          .ifPresent(
              p -> {
                throw new MalformedItemException(p);
              });
      if (item != null && !key.equals(item.getItemId())) {
        throw new MalformedItemException(
            "key '" + key + "' differs from itemId '" + item.getItemId() + "'");
      }
      if (item != null) {
        InputLimits.check(item)
            .ifPresent(
                p -> {
                  throw new MalformedItemException(p);
                });
      }
    } catch (RuntimeException e) {
      metrics.deadLetter();
      pending.add(new Ready(DeadLetters.record(record, e)));
      return;
    }
    if (item == null || item.getDeleted()) {
      if (index.remove(key)) {
        metrics.tombstone();
        pending.add(new Ready(new ProducerRecord<>(embeddings.name(), record.key(), null)));
      }
      return;
    }
    PromptedItem prompted = prompter.prompt(item);
    PromptHashIndex.Fingerprint fp =
        new PromptHashIndex.Fingerprint(prompted.promptHash(), embedder.llmVersion());
    if (index.isCurrent(key, fp)) {
      metrics.skipped();
      return;
    }
    index.put(key, fp);
    pending.add(new ToEmbed(prompted));
    toEmbed++;
  }

  /** True when at least {@code batchSize} prompts wait for the encoder. */
  public boolean isFull() {
    return toEmbed >= batchSize;
  }

  /**
   * True when records were accepted since the last drain and the oldest has waited at least {@code
   * maxWait}.
   */
  public boolean isDue() {
    return oldest != null && !clock.instant().isBefore(oldest.plus(maxWait));
  }

  /** How long until {@link #isDue()} turns true; {@code fallback} when nothing is pending. */
  public Duration timeUntilDue(Duration fallback) {
    if (oldest == null) {
      return fallback;
    }
    Duration left = Duration.between(clock.instant(), oldest.plus(maxWait));
    return left.isNegative() ? Duration.ZERO : (left.compareTo(fallback) < 0 ? left : fallback);
  }

  /** True when records were accepted since the last drain (their offsets still need a commit). */
  public boolean hasAccepted() {
    return oldest != null;
  }

  /** Prompts waiting for the encoder. */
  public int pendingPrompts() {
    return toEmbed;
  }

  /**
   * Embeds the pending prompts in one encoder batch and returns every pending output record in
   * input order; afterwards nothing is pending.
   */
  public List<ProducerRecord<byte[], byte[]>> drain() {
    List<String> prompts = new ArrayList<>(toEmbed);
    for (Unit u : pending) {
      if (u instanceof ToEmbed e) {
        prompts.add(e.item().prompt());
      }
    }
    List<float[]> vectors = List.of();
    if (!prompts.isEmpty()) {
      long start = System.nanoTime();
      vectors = embedder.embed(prompts);
      metrics.batch(prompts.size(), Duration.ofNanos(System.nanoTime() - start));
      if (vectors.size() != prompts.size()) {
        throw new IllegalStateException(
            "encoder returned " + vectors.size() + " vectors for " + prompts.size() + " prompts");
      }
    }
    Instant now = clock.instant();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(pending.size());
    int v = 0;
    for (Unit u : pending) {
      if (u instanceof Ready r) {
        out.add(r.record());
      } else if (u instanceof ToEmbed e) {
        out.add(embeddingRecord(e.item(), vectors.get(v++), now));
      }
    }
    pending.clear();
    toEmbed = 0;
    oldest = null;
    return out;
  }

  private ProducerRecord<byte[], byte[]> embeddingRecord(
      PromptedItem item, float[] vector, Instant now) {
    List<Float> values = new ArrayList<>(vector.length);
    for (float f : vector) {
      values.add(f);
    }
    ItemEmbedding value =
        ItemEmbedding.newBuilder()
            .setItemId(item.itemId())
            .setVector(values)
            .setPromptHash(item.promptHash())
            .setLlmVersion(embedder.llmVersion())
            .setPromptVersion(prompter.promptVersion())
            .setCreatedAt(now)
            .build();
    byte[] key = embeddings.keySerde().serializer().serialize(embeddings.name(), item.itemId());
    byte[] bytes = embeddings.valueSerde().serializer().serialize(embeddings.name(), value);
    return new ProducerRecord<>(embeddings.name(), key, bytes);
  }

  /** A catalog record that decodes but cannot be an item (e.g. missing key). */
  static final class MalformedItemException extends RuntimeException {
    MalformedItemException(String message) {
      super(Objects.requireNonNull(message));
    }
  }
}
