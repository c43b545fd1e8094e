package io.llmemb.serving.model;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How old each item is for serving, and the few items young enough for an exploration slot
 * (docs/architecture.md, "New items: exploration slots").
 *
 * <p>An item's age counts from when serving first received its embedding, or from the embedding's
 * own {@code createdAt} when that is earlier: a restart re-reads the compacted embeddings topic,
 * and without the second rule the whole catalogue would look brand-new again. A later embedding of
 * the same item (a changed prompt) does not make it young again.
 *
 * <p>Items younger than {@code youngFor} are also kept in a small map that {@link #young()} reads
 * (and prunes) per recommendation, so finding them never scans the catalogue; it holds their unit
 * text vectors too ({@link #youngText}), which the content order of the exploration slots compares
 * with the user's history. Written by the global-store thread, read by stream threads: both maps
 * are concurrent.
 */
public final class ItemAges {

  /** Default of {@code youngFor} ({@code llmemb.serving.new-item-max-age}). */
  public static final Duration DEFAULT_YOUNG_FOR = Duration.ofHours(1);

  private final Clock clock;
  private final long youngForMs;
  private final Map<String, Long> firstIndexed = new ConcurrentHashMap<>();
  private final Map<String, Young> young = new ConcurrentHashMap<>();

  /** A young item's age origin and, when known, its text vector. */
  private record Young(long origin, TextVector text) {}

  /** Ages by {@code clock}; items younger than {@code youngFor} are {@link #young()}. */
  public ItemAges(Clock clock, Duration youngFor) {
    if (youngFor.isNegative()) {
      throw new IllegalArgumentException("new-item max age must be >= 0, was " + youngFor);
    }
    this.clock = clock;
    this.youngForMs = youngFor.toMillis();
  }

  /** The clock ages are measured by. */
  public Clock clock() {
    return clock;
  }

  /** Now, in epoch millis, by {@link #clock()}. */
  public long now() {
    return clock.millis();
  }

  /**
   * An embedding of {@code itemId} arrived, computed at {@code createdAtMs}: the first one fixes
   * the item's age origin (the earlier of now and {@code createdAtMs}); later ones change nothing.
   */
  public void indexed(String itemId, long createdAtMs) {
    indexed(itemId, createdAtMs, (RawEmbedding) null);
  }

  /**
   * Same, with the embedding ({@code null} if unknown): its unit text vector is kept while the item
   * is young (only then is it computed), and replaced by a later embedding of a still-young item (a
   * changed prompt).
   */
  public void indexed(String itemId, long createdAtMs, RawEmbedding embedding) {
    long now = now();
    long origin = Math.min(now, createdAtMs);
    if (firstIndexed.putIfAbsent(itemId, origin) == null && now - origin < youngForMs) {
      young.put(itemId, new Young(origin, text(embedding)));
    } else if (embedding != null && young.containsKey(itemId)) {
      TextVector text = text(embedding);
      young.computeIfPresent(itemId, (id, y) -> new Young(y.origin(), text));
    }
  }

  private static TextVector text(RawEmbedding embedding) {
    return embedding == null ? null : TextVector.of(embedding).orElse(null);
  }

  /** The text vector of young item {@code itemId}, empty if it is not young or has none. */
  public Optional<TextVector> youngText(String itemId) {
    Young y = young.get(itemId);
    return y == null ? Optional.empty() : Optional.ofNullable(y.text());
  }

  /**
   * Age of {@code itemId} at {@code nowMs} in millis (0 for an origin in the future), empty if
   * serving never had an embedding of it.
   */
  public OptionalLong ageMs(String itemId, long nowMs) {
    Long origin = firstIndexed.get(itemId);
    return origin == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, nowMs - origin));
  }

  /**
   * Ids of the items younger than the max age now, in no particular order; drops the ones that have
   * aged out. Costs one step per young item, whatever the catalogue size.
   */
  public List<String> young() {
    if (young.isEmpty()) {
      return List.of();
    }
    long now = now();
    List<String> out = new ArrayList<>(young.size());
    for (Iterator<Map.Entry<String, Young>> it = young.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Young> e = it.next();
      if (now - e.getValue().origin() < youngForMs) {
        out.add(e.getKey());
      } else {
        it.remove();
      }
    }
    return out;
  }

  /** Items currently held as young (aged-out ones until the next {@link #young()}). */
  public int youngCount() {
    return young.size();
  }
}
