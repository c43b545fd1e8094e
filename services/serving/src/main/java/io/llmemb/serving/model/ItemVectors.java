package io.llmemb.serving.model;

import io.llmemb.serving.metrics.ServingMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every item's raw LLM embedding (from {@code catalog.item_embeddings}), keeps the set of
 * deleted items, and turns them into rows of the live model's {@link ItemIndex}: an item the bundle
 * was trained on keeps its trained vector; any other item gets {@code ServingModel.adaptNewItem}
 * (PCA + adapter) on arrival, so it is scorable at once, and again for every new model on swap.
 * Called from the global-store thread only; the maps are concurrent because a swap may be prepared
 * while REST handlers read. Every arrival is also told to {@link ItemAges}, which knows how old
 * each item is and which are young enough for an exploration slot.
 *
 * <p>The raw embeddings are read back from {@link RawEmbeddings} once one is attached ({@link
 * #readFrom}: the service attaches its global store); until then they are kept here on the heap. At
 * a million items of 384 floats the heap copy alone was 1.5 GB.
 */
public final class ItemVectors {

  private static final Logger LOG = LoggerFactory.getLogger(ItemVectors.class);

  private final ModelHolder holder;
  private final ServingMetrics metrics;
  private final Map<String, RawEmbedding> unattached = new ConcurrentHashMap<>();
  private volatile RawEmbeddings stored;
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final ItemAges ages;

  /**
   * Vectors feeding the model in {@code holder}; ages by the system clock, young for {@link
   * ItemAges#DEFAULT_YOUNG_FOR}.
   */
  public ItemVectors(ModelHolder holder, ServingMetrics metrics) {
    this(holder, metrics, new ItemAges(Clock.systemUTC(), ItemAges.DEFAULT_YOUNG_FOR));
  }

  /** Vectors feeding the model in {@code holder}, recording arrivals in {@code ages}. */
  public ItemVectors(ModelHolder holder, ServingMetrics metrics, ItemAges ages) {
    this.holder = holder;
    this.metrics = metrics;
    this.ages = ages;
  }

  /**
   * From now on the raw embeddings are those of {@code store}, which its owner keeps current before
   * calling {@link #upsert} and {@link #delete}; the heap copy is dropped.
   */
  public void readFrom(RawEmbeddings store) {
    stored = store;
    unattached.clear();
  }

  /** How old each item is, and which ones are young. */
  public ItemAges ages() {
    return ages;
  }

  /**
   * A new or changed embedding of {@code itemId}, computed now: remembered, and indexed under the
   * current model if any.
   */
  public void upsert(String itemId, RawEmbedding embedding) {
    upsert(itemId, embedding, Long.MAX_VALUE);
  }

  /**
   * A new or changed embedding of {@code itemId}, computed at {@code createdAtMs} (its {@code
   * createdAt}): remembered, its age origin fixed if it is the item's first, and indexed under the
   * current model if any.
   */
  public void upsert(String itemId, RawEmbedding embedding, long createdAtMs) {
    ages.indexed(itemId, createdAtMs, embedding);
    if (stored == null) {
      unattached.put(itemId, embedding);
    }
    deleted.remove(itemId);
    holder.current().ifPresent(live -> index(live, itemId, embedding));
  }

  /**
   * Why the current model cannot use {@code embedding} at all (its text model's vectors have
   * another width), or empty when it can or no model is loaded. An embedding of another text model
   * is not a reason: a later model may use it.
   */
  public Optional<String> unusable(RawEmbedding embedding) {
    Optional<LiveModel> live = holder.current();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> wanted = live.get().model().llmVersion();
    if (wanted.isPresent() && !wanted.get().equals(embedding.llmVersion())) {
      return Optional.empty();
    }
    try {
      live.get().model().adaptNewItem(embedding.vector());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "model " + live.get().releaseVersion() + " cannot use this vector: " + e.getMessage());
    }
  }

  /**
   * {@code itemId} was deleted (tombstone): never recommended again until a new embedding arrives.
   */
  public void delete(String itemId) {
    unattached.remove(itemId);
    deleted.add(itemId);
    holder.current().ifPresent(live -> live.index().remove(itemId));
  }

  /** Number of raw embeddings known (an estimate once a persistent store is attached). */
  public long embeddingCount() {
    RawEmbeddings store = stored;
    return store != null ? store.count() : unattached.size();
  }

  /**
   * Brings a freshly loaded model's index up to date before it goes live: removes deleted items and
   * adds every known item the bundle was not trained on, through the new model's adapter.
   */
  public void prepare(LiveModel live) {
    deleted.forEach(live.index()::remove);
    BiConsumer<String, RawEmbedding> adapt =
        (id, e) -> {
          if (!live.inBundle(id)) {
            index(live, id, e);
          }
        };
    RawEmbeddings store = stored;
    if (store != null) {
      store.forEach(adapt);
    } else {
      unattached.forEach(adapt);
    }
  }

  private void index(LiveModel live, String itemId, RawEmbedding embedding) {
    if (live.inBundle(itemId)) {
      live.index().restore(itemId);
      return;
    }
    Optional<String> wanted = live.model().llmVersion();
    if (wanted.isPresent() && !wanted.get().equals(embedding.llmVersion())) {
      // Vectors of another text model live in another space: adapting them would give confident
      // nonsense.
      metrics.skippedEmbedding("llm-version");
      LOG.debug(
          "item {} embedded by {}, model {} expects {}; not indexed",
          itemId,
          embedding.llmVersion(),
          live.releaseVersion(),
          wanted.get());
      return;
    }
    Optional<float[]> vector;
    try {
      vector = live.model().adaptNewItem(embedding.vector());
    } catch (IllegalArgumentException e) {
      metrics.skippedEmbedding("width");
      LOG.warn(
          "item {} not indexed under model {}: {}", itemId, live.releaseVersion(), e.getMessage());
      return;
    }
    if (vector.isPresent()) {
      live.index().put(itemId, vector.get());
    } else {
      metrics.skippedEmbedding("no-text-view");
    }
  }
}
