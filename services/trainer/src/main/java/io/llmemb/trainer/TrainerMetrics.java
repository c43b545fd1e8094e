package io.llmemb.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's meters: runs by outcome ({@code llmemb_trainer_runs_total{outcome=...}}), training
 * time, the candidate's gate metric and the snapshot size of the last training; for the text-aware
 * variants the items of the last snapshot without an embedding and the interactions left out with
 * them; undecodable interactions in the last snapshot and the ones dead-lettered.
 */
public final class TrainerMetrics {

  private final Map<TrainingJob.Status, Counter> runs = new EnumMap<>(TrainingJob.Status.class);
  private final Timer training;
  private final Counter diverged;
  private final AtomicReference<Double> lastGateValue = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> lastSnapshotInteractions = new AtomicReference<>(0.0);
  private final AtomicLong itemsWithoutEmbedding = new AtomicLong();
  private final AtomicLong excludedInteractions = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final Counter deadLettered;

  /** Registers every meter on {@code registry}. */
  public TrainerMetrics(MeterRegistry registry) {
    for (TrainingJob.Status s : TrainingJob.Status.values()) {
      runs.put(
          s,
          Counter.builder("llmemb.trainer.runs")
              .tag("outcome", s.name().toLowerCase())
              .description("Training checks by outcome")
              .register(registry));
    }
    diverged =
        Counter.builder("llmemb.trainer.diverged")
            .description("Trainings that stopped on a non-finite loss or gradient (never released)")
            .register(registry);
    training =
        Timer.builder("llmemb.trainer.training")
            .description("Time to prepare, train and evaluate a model")
            .register(registry);
    Gauge.builder("llmemb.trainer.candidate.gate.metric", lastGateValue, AtomicReference::get)
        .description("Held-out gate metric of the last trained candidate")
        .register(registry);
    Gauge.builder(
            "llmemb.trainer.snapshot.interactions", lastSnapshotInteractions, AtomicReference::get)
        .description("Interactions in the last training snapshot")
        .register(registry);
    Gauge.builder("llmemb.trainer.items.without.embedding", itemsWithoutEmbedding, AtomicLong::get)
        .description(
            "Items of the last snapshot without a published embedding (left out, or waited for)")
        .register(registry);
    Gauge.builder("llmemb.trainer.interactions.excluded", excludedInteractions, AtomicLong::get)
        .description(
            "Interactions of the last snapshot left out because their item has no embedding")
        .register(registry);
    Gauge.builder("llmemb.trainer.snapshot.undecodable", undecodable, AtomicLong::get)
        .description("Records of the last snapshot that did not decode")
        .register(registry);
    deadLettered =
        Counter.builder("llmemb.trainer.interactions.dead.lettered")
            .description("Undecodable interactions the trainer sent to tracking.interactions.dlq")
            .register(registry);
  }

  void run(TrainingJob.Status status) {
    runs.get(status).increment();
  }

  void trained(Duration took, double gateValue, long interactions) {
    training.record(took);
    lastGateValue.set(gateValue);
    lastSnapshotInteractions.set((double) interactions);
  }

  void withoutEmbedding(int items, long interactions) {
    itemsWithoutEmbedding.set(items);
    excludedInteractions.set(interactions);
  }

  void undecodable(long records) {
    undecodable.set(records);
  }

  void deadLettered(int letters) {
    deadLettered.increment(letters);
  }

  /** Items of the last snapshot without an embedding. */
  public long itemsWithoutEmbedding() {
    return itemsWithoutEmbedding.get();
  }

  /** Interactions left out of the last snapshot because their item has no embedding. */
  public long excludedInteractions() {
    return excludedInteractions.get();
  }

  /** Records of the last snapshot that did not decode. */
  public long undecodable() {
    return undecodable.get();
  }

  /** Undecodable interactions dead-lettered since start. */
  public double deadLettered() {
    return deadLettered.count();
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
