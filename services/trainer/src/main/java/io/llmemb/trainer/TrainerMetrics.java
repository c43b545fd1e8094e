package io.llmemb.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's meters: runs by outcome ({@code llmemb_trainer_runs_total{outcome=...}}), training time, the
 * candidate's gate metric and the snapshot size of the last training.
 */
public final class TrainerMetrics {

  private final Map<TrainingJob.Status, Counter> runs = new EnumMap<>(TrainingJob.Status.class);
  private final Timer training;
  private final Counter diverged;
  private final AtomicReference<Double> lastGateValue = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> lastSnapshotInteractions = new AtomicReference<>(0.0);

  /** Registers every meter on {@code registry}. */
  public TrainerMetrics(MeterRegistry registry) {
    for (TrainingJob.Status s : TrainingJob.Status.values()) {
      runs.put(s, Counter.builder("llmemb.trainer.runs").tag("outcome", s.name().toLowerCase())
          .description("Training checks by outcome").register(registry));
    }
    diverged = Counter.builder("llmemb.trainer.diverged")
        .description("Trainings that stopped on a non-finite loss or gradient (never released)").register(registry);
    training = Timer.builder("llmemb.trainer.training").description("Time to prepare, train and evaluate a model")
        .register(registry);
    Gauge.builder("llmemb.trainer.candidate.gate.metric", lastGateValue, AtomicReference::get)
        .description("Held-out gate metric of the last trained candidate").register(registry);
    Gauge.builder("llmemb.trainer.snapshot.interactions", lastSnapshotInteractions, AtomicReference::get)
        .description("Interactions in the last training snapshot").register(registry);
  }

  void run(TrainingJob.Status status) {
    runs.get(status).increment();
  }

  void trained(Duration took, double gateValue, long interactions) {
    training.record(took);
    lastGateValue.set(gateValue);
    lastSnapshotInteractions.set((double) interactions);
  }

  void diverged() {
    diverged.increment();
  }

  /** Trainings since start that diverged and were refused. */
  public double divergedRuns() {
    return diverged.count();
  }

  /** Runs with {@code status} since start. */
  public double runs(TrainingJob.Status status) {
    return runs.get(status).count();
  }
}
