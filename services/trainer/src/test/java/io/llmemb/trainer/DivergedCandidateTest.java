package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.training.EpochRecord;
import io.llmemb.training.StopReason;
import io.llmemb.training.TrainResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A candidate whose training diverged is never released, and the refusal says why and is counted.
 */
class DivergedCandidateTest {

  private static final List<EpochRecord> CURVE = List.of(new EpochRecord(1, 1.2, 0.4, 0.3, 1.0));

  @Test
  void aDivergedRunIsRefusedWithItsReason() {
    TrainResult diverged =
        new TrainResult(
            CURVE,
            1,
            0.3,
            StopReason.DIVERGENCE,
            2,
            "non-finite training loss NaN at epoch 2, batch 3");
    Optional<String> why = TrainingJob.divergenceRefusal(diverged);
    assertTrue(why.isPresent());
    assertTrue(why.get().contains("diverged at epoch 2"), why.get());
    assertTrue(why.get().contains("non-finite training loss NaN"), why.get());
  }

  @Test
  void patienceAndEpochLimitStopsAreReleasable() {
    for (StopReason r : List.of(StopReason.PATIENCE, StopReason.MAX_EPOCHS)) {
      assertEquals(
          Optional.empty(),
          TrainingJob.divergenceRefusal(new TrainResult(CURVE, 1, 0.3, r, 1, "")));
    }
  }

  @Test
  void refusalsAreCounted() {
    TrainerMetrics metrics = new TrainerMetrics(new SimpleMeterRegistry());
    metrics.diverged();
    assertEquals(1.0, metrics.divergedRuns());
  }
}
