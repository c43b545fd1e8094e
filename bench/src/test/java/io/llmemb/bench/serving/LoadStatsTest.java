package io.llmemb.bench.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pure pieces of the load bench: percentiles of recorded latencies and open-loop pacing. */
class LoadStatsTest {

  @Test
  void percentilesOfOneToTenThousandMillisecondsAreWhereTheyMustBe() {
    LatencyStats stats = new LatencyStats();
    assertTrue(Double.isNaN(stats.percentile(50)), "nothing recorded is not 0 ms");
    for (int v = 10_000; v >= 1; v--) {
      stats.record(v);
    }
    stats.record(-3); // a stamp rounding below the previous one counts as 0, not dropped
    assertEquals(10_001, stats.count());
    // HdrHistogram keeps 3 significant digits: within 0.1 %
    assertEquals(5_000, stats.percentile(50), 5);
    assertEquals(9_900, stats.percentile(99), 10);
    assertEquals(9_990, stats.percentile(99.9), 10);
    assertEquals(10_000, stats.max(), 10);
    assertEquals(0, (long) stats.summary().get("clamped"));
  }

  @Test
  void thePacerOffersTheRateWhateverTheSenderDidAndRebasesOnlyWhenFarBehind() {
    long start = 1_000_000_000L;
    RatePacer pacer = new RatePacer(200, start, 2_000_000_000L);
    assertEquals(start, pacer.dueNanos(0));
    assertEquals(start + 5_000_000L, pacer.dueNanos(1));
    assertEquals(start + 1_000_000_000L, pacer.dueNanos(200));
    assertEquals(5_000_000L, pacer.waitNanos(1, start));
    // late by less than the limit: no wait and no re-base, the backlog is sent at once
    assertEquals(0, pacer.waitNanos(1, start + 1_000_000_000L));
    assertEquals(0, pacer.rebases());
    assertEquals(201, pacer.dueBy(start + 1_000_000_000L));
    // far behind: the start moves so that event 10 is due now
    long now = start + 10_000_000_000L;
    assertEquals(0, pacer.waitNanos(10, now));
    assertEquals(1, pacer.rebases());
    assertEquals(now, pacer.dueNanos(10));
    assertEquals(5_000_000L, pacer.waitNanos(11, now));
  }
}
