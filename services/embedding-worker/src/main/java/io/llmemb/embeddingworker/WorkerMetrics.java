package io.llmemb.embeddingworker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's numbers of the worker, as Micrometer meters (Prometheus names in brackets): batch
 * size ({@code llmemb_worker_batch_size}), embed latency ({@code llmemb_worker_embed_seconds}),
 * items embedded (its rate is items/s; {@code llmemb_worker_items_embedded_total}), items skipped
 * because unchanged, tombstones, dead letters, consumer lag and backfill progress.
 */
public final class WorkerMetrics {

  private final DistributionSummary batchSize;
  private final Timer embedLatency;
  private final Counter embedded;
  private final Counter skipped;
  private final Counter tombstones;
  private final Counter deadLetters;
  private final Counter duplicateLetters;
  private final AtomicLong lag = new AtomicLong();
  private final AtomicReference<Double> backfillProgress = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> itemsPerSecond = new AtomicReference<>(0.0);

  /** Registers every meter on {@code registry}. */
  public WorkerMetrics(MeterRegistry registry) {
    batchSize =
        DistributionSummary.builder("llmemb.worker.batch.size")
            .description("Prompts per encoder batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    embedLatency =
        Timer.builder("llmemb.worker.embed")
            .description("Time to embed one batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    embedded =
        Counter.builder("llmemb.worker.items.embedded")
            .description("Items embedded and published")
            .register(registry);
    skipped =
        Counter.builder("llmemb.worker.items.skipped")
            .description("Items skipped because their prompt hash and model were unchanged")
            .register(registry);
    tombstones =
        Counter.builder("llmemb.worker.tombstones")
            .description("Embedding tombstones published")
            .register(registry);
    deadLetters =
        Counter.builder("llmemb.worker.dlq")
            .description("Records sent to catalog.items.dlq")
            .register(registry);
    duplicateLetters =
        Counter.builder("llmemb.worker.dlq.duplicates.skipped")
            .description(
                "Dead letters not sent again because their source record already had one (backfill, replay)")
            .register(registry);
    Gauge.builder("llmemb.worker.lag", lag, AtomicLong::get)
        .description("Records of catalog.items not yet consumed (assigned partitions)")
        .register(registry);
    Gauge.builder("llmemb.worker.backfill.progress", backfillProgress, AtomicReference::get)
        .description("Fraction of catalog.items re-read by the running backfill (NaN when none)")
        .register(registry);
    Gauge.builder("llmemb.worker.items.per.second", itemsPerSecond, AtomicReference::get)
        .description("Embedding throughput of the last batch")
        .register(registry);
  }

  void batch(int size, Duration took) {
    batchSize.record(size);
    embedLatency.record(took);
    embedded.increment(size);
    double seconds = Math.max(took.toNanos(), 1) / 1e9;
    itemsPerSecond.set(size / seconds);
  }

  void skipped() {
    skipped.increment();
  }

  void tombstone() {
    tombstones.increment();
  }

  void deadLetter() {
    deadLetters.increment();
  }

  void duplicateDeadLetterSkipped() {
    duplicateLetters.increment();
  }

  void lag(long records) {
    lag.set(records);
  }

  /** Fraction of the running backfill done (NaN when none runs). */
  public double backfillProgressValue() {
    return backfillProgress.get();
  }

  void backfillProgress(double fraction) {
    backfillProgress.set(fraction);
  }

  /** Items embedded since start. */
  public double embeddedCount() {
    return embedded.count();
  }

  /** Items skipped as unchanged since start. */
  public double skippedCount() {
    return skipped.count();
  }

  /** Dead letters since start. */
  public double deadLetterCount() {
    return deadLetters.count();
  }

  /** Tombstones since start. */
  public double tombstoneCount() {
    return tombstones.count();
  }
}
