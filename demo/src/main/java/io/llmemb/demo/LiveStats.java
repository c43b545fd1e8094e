package io.llmemb.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * The numbers {@link LiveMonitor} shows, from the decoded records in the order it reads them:
 *
 * <ul>
 *   <li>recommendation latency: {@code emittedAt} of a list minus the broker-side time of the
 *       interaction that triggered it (matched by user and event time), in an HdrHistogram;
 *   <li>live prequential HR@{@value #HIT_AT}: an interaction is a hit when its item is among the
 *       first {@value #HIT_AT} of the list last emitted for that user before it arrived;
 *       interactions of users with no list yet, and repeats of an item the user already had
 *       (serving filters those out by design), are not judged;
 *   <li>when a watched item first gets an embedding and first appears in a list, to whom, by which
 *       model, at which rank and whether in an exploration slot (serving's new-item slots).
 * </ul>
 */
final class LiveStats {

  /**
   * Cut-off of the prequential hit rate: HR@10 judges the first ten items whatever the list length
   * (TOP_K).
   */
  static final int HIT_AT = 10;

  /** Latencies above this are recorded as this (the histogram's range). */
  static final long MAX_LATENCY_MS = Duration.ofHours(1).toMillis();

  private final Map<String, List<String>> lastRecs = new HashMap<>();
  private final Map<String, Set<String>> seen = new HashMap<>();
  private final Map<String, Long> sentAt = new HashMap<>();
  private final Histogram latencyMs = new Histogram(MAX_LATENCY_MS, 3);
  private final Map<String, Long> embeddedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> firstRecommendedAt = new ConcurrentHashMap<>();
  private final Map<String, String> firstRecommendedTo = new ConcurrentHashMap<>();
  private final Map<String, String> firstRecommendedBy = new ConcurrentHashMap<>();
  private final Map<String, Integer> firstRank = new ConcurrentHashMap<>();
  private final Map<String, Boolean> firstInSlot = new ConcurrentHashMap<>();
  private final Map<String, Integer> embeddingCount = new ConcurrentHashMap<>();
  private final Map<String, Integer> slotItems = new HashMap<>();
  private long slotLists;
  private volatile long lastEmbeddingAt = Long.MIN_VALUE;
  private volatile String watched = "";
  private long interactions;
  private long recommendations;
  private long embeddings;
  private long judged;
  private long hits;
  private String modelVersion = "-";

  /**
   * An interaction on {@code tracking.interactions}.
   *
   * @param eventTimeMs its event time (what serving copies into the list it triggers)
   * @param brokerTimeMs the record's timestamp (when it was sent)
   */
  synchronized void interaction(String user, String item, long eventTimeMs, long brokerTimeMs) {
    interactions++;
    sentAt.put(key(user, eventTimeMs), brokerTimeMs);
    List<String> last = lastRecs.get(user);
    // serving drops every seen item, so a repeat can never be a hit: only first consumptions are
    // judged
    boolean repeat = !seen.computeIfAbsent(user, u -> new HashSet<>()).add(item);
    if (last != null && !repeat) {
      judged++;
      if (last.subList(0, Math.min(HIT_AT, last.size())).contains(item)) {
        hits++;
      }
    }
  }

  /** An embedding record on {@code catalog.item_embeddings}, with its record timestamp. */
  synchronized void embedding(String item, long brokerTimeMs) {
    embeddings++;
    embeddedAt.putIfAbsent(item, brokerTimeMs);
    lastEmbeddingAt = Math.max(lastEmbeddingAt, brokerTimeMs);
    embeddingCount.merge(item, 1, Integer::sum);
  }

  /** A list on {@code recs.next_items} without exploration slots. */
  void recommendations(
      String user, List<String> items, String version, long eventTimeMs, long emittedMs) {
    recommendations(user, items, List.of(), version, eventTimeMs, emittedMs);
  }

  /**
   * A list on {@code recs.next_items}.
   *
   * @param explorationSlots positions in {@code items} (0-based) that were exploration slots
   * @param eventTimeMs event time of the interaction that triggered it
   * @param emittedMs when serving emitted it
   */
  synchronized void recommendations(
      String user,
      List<String> items,
      List<Integer> explorationSlots,
      String version,
      long eventTimeMs,
      long emittedMs) {
    recommendations++;
    if (!explorationSlots.isEmpty()) {
      slotLists++;
      for (int at : explorationSlots) {
        if (at >= 0 && at < items.size()) {
          slotItems.merge(items.get(at), 1, Integer::sum);
        }
      }
    }
    modelVersion = version;
    lastRecs.put(user, List.copyOf(items));
    Long sent = sentAt.remove(key(user, eventTimeMs));
    if (sent != null) {
      latencyMs.recordValue(Math.max(0, Math.min(MAX_LATENCY_MS, emittedMs - sent)));
    }
    String w = watched;
    int at = w.isEmpty() ? -1 : items.indexOf(w);
    if (at >= 0 && firstRecommendedAt.putIfAbsent(w, emittedMs) == null) {
      firstRecommendedTo.put(w, user);
      firstRecommendedBy.put(w, version);
      firstRank.put(w, at + 1);
      firstInSlot.put(w, explorationSlots.contains(at));
    }
  }

  /**
   * Starts recording when {@code itemId} first appears in a list (embeddings are recorded for every
   * item).
   */
  void watch(String itemId) {
    watched = itemId;
  }

  /** Record time of the latest embedding of any item, empty before the first. */
  Optional<Long> lastEmbeddingAt() {
    long t = lastEmbeddingAt;
    return t == Long.MIN_VALUE ? Optional.empty() : Optional.of(t);
  }

  /**
   * How serving's exploration slots were used so far: lists with a slot among all lists, and the
   * items that took slots most often.
   */
  synchronized String slotUse(int topItems) {
    String items =
        slotItems.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(topItems)
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(java.util.stream.Collectors.joining(", "));
    return slotLists
        + " of "
        + recommendations
        + " lists had an exploration slot"
        + (items.isEmpty() ? "" : "; slot items: " + items);
  }

  Optional<Long> embeddedAt(String itemId) {
    return Optional.ofNullable(embeddedAt.get(itemId));
  }

  Optional<Long> firstRecommendedAt(String itemId) {
    return Optional.ofNullable(firstRecommendedAt.get(itemId));
  }

  Optional<String> firstRecommendedTo(String itemId) {
    return Optional.ofNullable(firstRecommendedTo.get(itemId));
  }

  Optional<String> firstRecommendedBy(String itemId) {
    return Optional.ofNullable(firstRecommendedBy.get(itemId));
  }

  /** Rank (1 = first) of {@code itemId} in the first list that held it. */
  Optional<Integer> firstRank(String itemId) {
    return Optional.ofNullable(firstRank.get(itemId));
  }

  /** Whether {@code itemId} sat in an exploration slot of the first list that held it. */
  boolean firstInSlot(String itemId) {
    return firstInSlot.getOrDefault(itemId, false);
  }

  int embeddingCount(String itemId) {
    return embeddingCount.getOrDefault(itemId, 0);
  }

  /** A consistent copy of the counters. */
  synchronized LiveMonitor.Snapshot snapshot() {
    return new LiveMonitor.Snapshot(
        interactions,
        recommendations,
        embeddings,
        judged,
        hits,
        modelVersion,
        latencyMs.getTotalCount() == 0 ? 0 : latencyMs.getValueAtPercentile(50),
        latencyMs.getTotalCount() == 0 ? 0 : latencyMs.getValueAtPercentile(99),
        latencyMs.getTotalCount());
  }

  private static String key(String user, long eventTimeMs) {
    return user + "@" + eventTimeMs;
  }
}
