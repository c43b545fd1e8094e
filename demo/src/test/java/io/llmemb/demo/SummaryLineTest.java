package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console lines: the live summary, a new item's probe result and the freshness percentiles. */
class SummaryLineTest {

  private Locale saved;

  @BeforeEach
  void englishNumbers() {
    saved = Locale.getDefault();
    Locale.setDefault(Locale.US);
  }

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  @Test
  void theLiveLineShowsCountsRatesLatencyModelAndHitRate() {
    LiveMonitor.Snapshot s =
        new LiveMonitor.Snapshot(12_345, 6_789, 400, 40, 10, "v7", 12, 250, 6_000);
    assertEquals(
        "live | interactions 12,345 (50.0/s) | recs 6,789 (49.5/s) | latency p50 12 ms p99 250 ms "
            + "(n=6000) | model v7 | prequential HR@10 0.250 (10/40) | embeddings 400",
        SummaryPrinter.line(s, 50, 49.5));
  }

  @Test
  void withNothingJudgedTheHitRateIsADash() {
    LiveMonitor.Snapshot s = new LiveMonitor.Snapshot(3, 0, 0, 0, 0, "-", 0, 0, 0);
    assertTrue(
        SummaryPrinter.line(s, 0, 0).contains("prequential HR@10 - (0/0)"),
        SummaryPrinter.line(s, 0, 0));
  }

  @Test
  void printLineUsesTheDifferenceOfTwoSnapshots() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LiveStats stats = new LiveStats();
    try (SummaryPrinter printer =
        new SummaryPrinter(
            stats::snapshot,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Duration.ofHours(1))) {
      stats.interaction("u", "a", 1, 1);
      stats.interaction("u", "b", 2, 2);
      printer.printLine();
      printer.printLine();
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("live | interactions 2 ("), lines.get(0));
    assertTrue(
        lines.get(1).startsWith("live | interactions 2 (0.0/s)"),
        "no new interactions: " + lines.get(1));
  }

  @Test
  void aProbeResultSaysHowLongEachStepTook() {
    NewItemProbe.Result seen = seen("new-1", 1_000, 1_300, 1_450L, 10, true);
    assertEquals(Optional.of(450L), seen.publishToCandidateMs());
    assertEquals(Optional.of(150L), seen.embeddingToCandidateMs());
    assertEquals(
        "item new-1: embedding 300 ms after publish; first recommended (to user u9, rank 10, "
            + "exploration slot) 150 ms after its embedding, 450 ms after publish",
        seen.toString());

    NewItemProbe.Result missed = missed("new-2", 1_000, 1_300);
    assertEquals(Optional.empty(), missed.publishToCandidateMs());
    assertEquals(
        "item new-2: embedding 300 ms after publish; not in any top-K within the wait",
        missed.toString());
  }

  @Test
  void freshnessPrintsEachItemsPublishToListTimeAndRankThenTheSummary() {
    List<NewItemProbe.Result> probes =
        List.of(
            seen("a", 0, 100, 300L, 10, true),
            seen("b", 0, 100, 1_100L, 3, false),
            missed("c", 0, 100));
    assertEquals(
        List.of(
            "a: publish -> first list 300 ms, rank 10 (exploration slot), user u9; "
                + "embedding -> list 200 ms",
            "b: publish -> first list 1100 ms, rank 3, user u9; embedding -> list 1000 ms",
            "c: not in any list within the wait (embedded 100 ms after publish)",
            "2 of 3 new items reached a list, publish -> list p50 300 ms p99 1100 ms max 1100 ms; "
                + "embedding -> list p50 200 ms p99 1000 ms; 1 not in any top-K within the wait"),
        Freshness.lines(probes));
    assertEquals(Optional.empty(), Freshness.failure(probes), "one item is enough");
  }

  @Test
  void freshnessWithNoHitSaysSoAndFailsTheRun() {
    List<NewItemProbe.Result> none = List.of(missed("a", 0, 100), missed("b", 0, 100));
    assertEquals("no new item reached a top-K list (2 tried)", Freshness.summary(none));
    String failure = Freshness.failure(none).orElseThrow();
    assertTrue(
        failure.startsWith(
            "freshness check failed: none of the 2 brand-new items (a, b) appeared in any"
                + " recommendation list"),
        failure);
    assertTrue(failure.contains("NEW_ITEM_SLOTS"), failure);
    assertEquals("no new item reached a top-K list (0 tried)", Freshness.summary(List.of()));
    assertEquals(Optional.empty(), Freshness.failure(List.of()), "no probe, nothing to fail");
  }

  private static NewItemProbe.Result seen(
      String id, long published, long embedded, long firstSeen, int rank, boolean slot) {
    return new NewItemProbe.Result(
        id,
        published,
        embedded,
        Optional.of(firstSeen),
        Optional.of("u9"),
        Optional.of(rank),
        slot);
  }

  private static NewItemProbe.Result missed(String id, long published, long embedded) {
    return new NewItemProbe.Result(
        id, published, embedded, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }
}
