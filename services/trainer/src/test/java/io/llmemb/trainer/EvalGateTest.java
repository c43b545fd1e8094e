package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.ModelRelease;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalGateTest {

  private final EvalGate gate = new EvalGate("ndcg@10", 0.01);

  static ModelRelease release(Map<String, Double> metrics) {
    return ModelRelease.newBuilder()
        .setModelName("m")
        .setVersion("v1")
        .setUri("file:/x")
        .setSha256("00")
        .setBackbone("sasrec")
        .setMetrics(metrics)
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  @Test
  void acceptsTheFirstModel() {
    assertTrue(gate.decide(Map.of("ndcg@10", 0.01), Optional.empty()).accepted());
  }

  @Test
  void acceptsBetterEqualAndSlightlyWorseWithinTheMargin() {
    Optional<ModelRelease> current = Optional.of(release(Map.of("ndcg@10", 0.30)));
    assertTrue(gate.decide(Map.of("ndcg@10", 0.35), current).accepted());
    assertTrue(gate.decide(Map.of("ndcg@10", 0.30), current).accepted());
    assertTrue(gate.decide(Map.of("ndcg@10", 0.2905), current).accepted());
  }

  @Test
  void refusesAModelWorseThanTheMargin() {
    Optional<ModelRelease> current = Optional.of(release(Map.of("ndcg@10", 0.30)));
    EvalGate.Decision d = gate.decide(Map.of("ndcg@10", 0.285), current);
    assertFalse(d.accepted());
    assertTrue(d.reason().contains("0.2850 < 0.3000"), d.reason());
  }

  @Test
  void refusesACandidateWithoutTheMetricAndAcceptsWhenTheCurrentLacksIt() {
    assertFalse(gate.decide(Map.of("hr@10", 0.5), Optional.empty()).accepted());
    assertTrue(
        gate.decide(Map.of("ndcg@10", 0.1), Optional.of(release(Map.of("hr@10", 0.9)))).accepted());
  }

  @Test
  void rejectsANegativeMargin() {
    assertThrows(IllegalArgumentException.class, () -> new EvalGate("ndcg@10", -0.1));
  }

  @Test
  void snapshotIdGivesTheRecordCountBack() {
    InteractionSnapshot s =
        new InteractionSnapshot(java.util.List.of(), Map.of(0, 10L, 1, 5L, 2, 7L), 0);
    assertTrue(TrainingJob.recordsOf(s.describe("tracking.interactions")) == 22);
    assertTrue(TrainingJob.recordsOf("something else") == -1);
  }
}
