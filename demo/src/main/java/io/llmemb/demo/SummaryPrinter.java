package io.llmemb.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints one line of live numbers every few seconds: rates from the difference of two monitor
 * snapshots.
 */
final class SummaryPrinter implements AutoCloseable {

  private final Supplier<LiveMonitor.Snapshot> monitor;
  private final PrintStream out;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-summary");
            t.setDaemon(true);
            return t;
          });
  private LiveMonitor.Snapshot previous;
  private long previousNanos;

  /**
   * Prints every {@code every} from snapshots of {@code monitor} (e.g. {@code
   * LiveMonitor::snapshot}).
   */
  SummaryPrinter(Supplier<LiveMonitor.Snapshot> monitor, PrintStream out, Duration every) {
    this.monitor = monitor;
    this.out = out;
    this.previous = monitor.get();
    this.previousNanos = System.nanoTime();
    timer.scheduleAtFixedRate(
        this::printLine, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One line now (also used for the final line). */
  synchronized void printLine() {
    LiveMonitor.Snapshot now = monitor.get();
    long nanos = System.nanoTime();
    double seconds = Math.max(1e-3, (nanos - previousNanos) / 1e9);
    out.println(
        line(
            now,
            (now.interactions() - previous.interactions()) / seconds,
            (now.recommendations() - previous.recommendations()) / seconds));
    previous = now;
    previousNanos = nanos;
  }

  static String line(LiveMonitor.Snapshot s, double interactionsPerSecond, double recsPerSecond) {
    return String.format(
        "live | interactions %,d (%.1f/s) | recs %,d (%.1f/s) | latency p50 %d ms p99 %d ms"
            + " (n=%d) | model %s | prequential HR@10 %s (%d/%d) | embeddings %,d",
        s.interactions(),
        interactionsPerSecond,
        s.recommendations(),
        recsPerSecond,
        s.p50Ms(),
        s.p99Ms(),
        s.latencySamples(),
        s.modelVersion(),
        Double.isNaN(s.hitRate()) ? "-" : String.format("%.3f", s.hitRate()),
        s.hits(),
        s.judged(),
        s.embeddings());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
