package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The live numbers: prequential HR@10, latency matching, first appearance of a watched item. */
class LiveStatsTest {

  private static List<String> items(int n) {
    return IntStream.range(0, n).mapToObj(i -> "i" + i).toList();
  }

  @Test
  void anInteractionIsAHitWhenItsItemIsInTheFirstTenOfTheUsersLastList() {
    LiveStats s = new LiveStats();
    s.recommendations("u", items(20), "v1", 0, 0);
    s.interaction("u", "i9", 1, 1); // 10th: hit
    s.interaction("u", "i10", 2, 2); // 11th: judged, miss
    s.interaction("u", "other", 3, 3); // miss

    LiveMonitor.Snapshot snap = s.snapshot();
    assertEquals(3, snap.judged());
    assertEquals(1, snap.hits());
    assertEquals(1.0 / 3, snap.hitRate(), 1e-9);
  }

  @Test
  void usersWithoutAListAndRepeatsAreNotJudged() {
    LiveStats s = new LiveStats();
    s.interaction("u", "i1", 1, 1); // no list yet; but now seen
    s.recommendations("u", items(10), "v1", 1, 5);
    s.interaction("u", "i1", 2, 6); // repeat: never judged (serving filters seen items)
    s.interaction("w", "i1", 3, 7); // w has no list

    LiveMonitor.Snapshot snap = s.snapshot();
    assertEquals(3, snap.interactions());
    assertEquals(0, snap.judged());
    assertTrue(Double.isNaN(snap.hitRate()));
  }

  @Test
  void onlyTheLatestListCounts() {
    LiveStats s = new LiveStats();
    s.recommendations("u", List.of("a"), "v1", 0, 0);
    s.recommendations("u", List.of("b"), "v2", 0, 0);
    s.interaction("u", "a", 1, 1);
    assertEquals(0, s.snapshot().hits());
    assertEquals("v2", s.snapshot().modelVersion());
  }

  @Test
  void latencyIsEmittedMinusTheTriggeringInteractionsBrokerTimeMatchedByUserAndEventTime() {
    LiveStats s = new LiveStats();
    s.interaction("u", "x", 1_000, 50_000);
    s.interaction("w", "x", 1_000, 50_010);
    s.recommendations("u", List.of("y"), "v1", 1_000, 50_020); // 20 ms
    s.recommendations("w", List.of("y"), "v1", 1_000, 50_110); // 100 ms
    s.recommendations("u", List.of("y"), "v1", 1_000, 60_000); // already matched: no sample
    s.recommendations("z", List.of("y"), "v1", 7, 60_000); // unknown trigger: no sample

    LiveMonitor.Snapshot snap = s.snapshot();
    assertEquals(2, snap.latencySamples());
    assertEquals(20, snap.p50Ms());
    assertEquals(100, snap.p99Ms(), 1);
    assertEquals(4, snap.recommendations());
  }

  @Test
  void latencyIsClampedToTheHistogramRange() {
    LiveStats s = new LiveStats();
    s.interaction("u", "x", 1, 10_000);
    s.recommendations("u", List.of(), "v1", 1, 5_000); // clocks apart: negative
    s.interaction("u", "y", 2, 0);
    s.recommendations("u", List.of(), "v1", 2, 10 * LiveStats.MAX_LATENCY_MS);
    LiveMonitor.Snapshot snap = s.snapshot();
    assertEquals(2, snap.latencySamples());
    assertEquals(0, snap.p50Ms());
    assertTrue(snap.p99Ms() >= LiveStats.MAX_LATENCY_MS * 0.99, "p99 " + snap.p99Ms());
  }

  @Test
  void aWatchedItemsFirstListIsRecordedOnceWithUserAndModel() {
    LiveStats s = new LiveStats();
    s.recommendations("u", List.of("new"), "v0", 0, 100); // before watching: ignored
    s.watch("new");
    s.embedding("new", 200);
    s.embedding("new", 250);
    s.recommendations("u", List.of("a"), "v1", 0, 300);
    s.recommendations("w", List.of("a", "new"), "v1", 0, 400);
    s.recommendations("x", List.of("new"), "v2", 0, 500);

    assertEquals(Optional.of(200L), s.embeddedAt("new"));
    assertEquals(2, s.embeddingCount("new"));
    assertEquals(Optional.of(400L), s.firstRecommendedAt("new"));
    assertEquals(Optional.of("w"), s.firstRecommendedTo("new"));
    assertEquals(Optional.of("v1"), s.firstRecommendedBy("new"));
    assertEquals(Optional.empty(), s.firstRecommendedAt("a"), "only the watched item is tracked");
    assertEquals(2, s.snapshot().embeddings());
  }

  @Test
  void aWatchedItemsFirstRankAndExplorationSlotAreRecorded() {
    LiveStats s = new LiveStats();
    s.watch("new");
    s.recommendations("u", List.of("a", "b", "new"), List.of(2), "v1", 0, 300);
    s.recommendations("w", List.of("new", "a"), List.of(), "v1", 0, 400);

    assertEquals(Optional.of(3), s.firstRank("new"), "rank in the first list that held it");
    assertTrue(s.firstInSlot("new"));

    LiveStats earned = new LiveStats();
    earned.watch("new");
    earned.recommendations("u", List.of("a", "new", "y"), List.of(2), "v1", 0, 300);
    assertEquals(Optional.of(2), earned.firstRank("new"));
    assertFalse(earned.firstInSlot("new"), "another item took the slot");
    assertEquals(Optional.empty(), new LiveStats().firstRank("new"));
  }

  @Test
  void slotUseCountsListsWithASlotAndTheItemsThatTookThem() {
    LiveStats s = new LiveStats();
    assertEquals("0 of 0 lists had an exploration slot", s.slotUse(2));
    s.recommendations("u", List.of("a", "y"), List.of(1), "v1", 0, 1);
    s.recommendations("w", List.of("a", "z"), List.of(1), "v1", 0, 2);
    s.recommendations("x", List.of("a", "y"), List.of(1), "v1", 0, 3);
    s.recommendations("x", List.of("a", "b"), "v1", 0, 4);
    assertEquals("3 of 4 lists had an exploration slot; slot items: y (2), z (1)", s.slotUse(2));
    assertEquals("3 of 4 lists had an exploration slot; slot items: y (2)", s.slotUse(1));
  }

  @Test
  void theLatestEmbeddingOfAnyItemIsKnown() {
    LiveStats s = new LiveStats();
    assertEquals(Optional.empty(), s.lastEmbeddingAt());
    s.embedding("a", 500);
    s.embedding("b", 300);
    s.embedding("a", 900);
    assertEquals(Optional.of(900L), s.lastEmbeddingAt(), "a re-embedding counts too");
  }

  @Test
  void anEmptySnapshotHasNoLatencyAndNoModel() {
    LiveMonitor.Snapshot snap = new LiveStats().snapshot();
    assertEquals(0, snap.p50Ms());
    assertEquals(0, snap.latencySamples());
    assertEquals("-", snap.modelVersion());
  }
}
