package io.llmemb.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void drawsEveryFaultOnceInOrderAndApartWithInputBeforeAndAfter() {
    FaultPlan plan = FaultPlan.draw(100_000, 10, 1, 1, 2, 15);
    List<FaultPlan.Fault> faults = plan.faults();
    assertEquals(12, faults.size());
    assertEquals(10, faults.stream().filter(f -> f.kind() == FaultPlan.Kind.SERVING_KILL).count());
    assertEquals(1, faults.stream().filter(f -> f.kind() == FaultPlan.Kind.BROKER_RESTART).count());
    assertEquals(1, faults.stream().filter(f -> f.kind() == FaultPlan.Kind.WORKER_KILL).count());
    double stretch = 100_000 / 13.0;
    assertTrue(faults.get(0).atEvent() >= 0.7 * stretch, "input before the first fault");
    assertTrue(
        faults.get(faults.size() - 1).atEvent() <= 100_000 - 0.7 * stretch, "input after the last");
    for (int i = 1; i < faults.size(); i++) {
      assertTrue(
          faults.get(i).atEvent() - faults.get(i - 1).atEvent() >= 0.4 * stretch - 1,
          "faults " + (i - 1) + " and " + i + " too close: " + faults);
    }
    assertTrue(faults.stream().allMatch(f -> f.target() >= 0 && f.target() < 2));
  }

  @Test
  void theSeedDecides() {
    assertEquals(FaultPlan.draw(10_000, 3, 1, 1, 2, 7), FaultPlan.draw(10_000, 3, 1, 1, 2, 7));
    assertNotEquals(FaultPlan.draw(10_000, 3, 1, 1, 2, 7), FaultPlan.draw(10_000, 3, 1, 1, 2, 8));
  }

  @Test
  void percentileIsNearestRank() {
    List<Long> stalls = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);
    assertEquals(5, FaultRunResult.percentile(stalls, 0.5));
    assertEquals(10, FaultRunResult.percentile(stalls, 0.99));
    assertEquals(-1, FaultRunResult.percentile(List.of(), 0.5));
  }
}
