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
    NewItemProbe.Result seen =
        new NewItemProbe.Result("new-1", 1_000, 1_300, Optional.of(1_450L), Optional.of("u9"));
    assertEquals(Optional.of(450L), seen.publishToCandidateMs());
    assertEquals(Optional.of(150L), seen.embeddingToCandidateMs());
    assertEquals(
        "item new-1: embedding 300 ms after publish; first recommended (to user u9) 150 ms after its "
            + "embedding, 450 ms after publish",
        seen.toString());

    NewItemProbe.Result missed =
        new NewItemProbe.Result("new-2", 1_000, 1_300, Optional.empty(), Optional.empty());
    assertEquals(Optional.empty(), missed.publishToCandidateMs());
    assertEquals(
        "item new-2: embedding 300 ms after publish; not in any top-K within the wait",
        missed.toString());
  }

  @Test
  void freshnessSummarisesTheProbesAndCountsTheMissedOnes() {
    List<NewItemProbe.Result> probes =
        List.of(
            new NewItemProbe.Result("a", 0, 100, Optional.of(300L), Optional.of("u")),
            new NewItemProbe.Result("b", 0, 100, Optional.of(1_100L), Optional.of("u")),
            new NewItemProbe.Result("c", 0, 100, Optional.empty(), Optional.empty()));
    String summary = Freshness.summary(probes);
    assertTrue(
        summary.startsWith(
            "2 new items, publish -> candidate p50 300 ms p99 1100 ms max 1100 ms; "
                + "embedding -> candidate p50 200 ms p99 1000 ms; 1 not in any top-K within the wait"),
        summary);
  }

  @Test
  void freshnessWithNoHitSaysSo() {
    assertEquals(
        "no new item reached a top-K list (1 tried)",
        Freshness.summary(
            List.of(new NewItemProbe.Result("a", 0, 100, Optional.empty(), Optional.empty()))));
    assertEquals("no new item reached a top-K list (0 tried)", Freshness.summary(List.of()));
  }
}
