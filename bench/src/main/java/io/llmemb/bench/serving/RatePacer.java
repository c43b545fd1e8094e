package io.llmemb.bench.serving;

/**
 * Open-loop pacing at a fixed rate: event {@code i} (0-based) is due {@code i / rate} seconds after
 * the start, whatever happened to the previous ones, so a slow system under test gets the offered
 * rate and shows it as lag and latency (no coordinated omission). Only a sender that itself fell
 * more than {@code maxBehindNanos} behind (descheduled on a shared machine) re-bases its start,
 * rather than bursting the backlog at once; {@link #rebases()} says how often.
 */
final class RatePacer {

  private final double ratePerSecond;
  private final long maxBehindNanos;
  private long startNanos;
  private int rebases;

  RatePacer(double ratePerSecond, long startNanos, long maxBehindNanos) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.startNanos = startNanos;
    this.maxBehindNanos = maxBehindNanos;
  }

  /** When event {@code index} is due, in {@link System#nanoTime()} terms. */
  long dueNanos(long index) {
    return startNanos + (long) (index / ratePerSecond * 1e9);
  }

  /**
   * Nanoseconds to wait before sending event {@code index} at {@code nowNanos} (0 when due or
   * late); re-bases when the sender is more than the allowed amount behind.
   */
  long waitNanos(long index, long nowNanos) {
    long wait = dueNanos(index) - nowNanos;
    if (-wait > maxBehindNanos) {
      startNanos = nowNanos - (long) (index / ratePerSecond * 1e9);
      rebases++;
      return 0;
    }
    return Math.max(0, wait);
  }

  /** Events due by {@code nowNanos} since the start (how many should have been sent). */
  long dueBy(long nowNanos) {
    return nowNanos < startNanos ? 0 : (long) ((nowNanos - startNanos) / 1e9 * ratePerSecond) + 1;
  }

  int rebases() {
    return rebases;
  }
}
