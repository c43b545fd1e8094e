package io.llmemb.bench.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Millisecond latencies of one measurement (HdrHistogram, 3 significant digits) read as
 * percentiles. Recorded from a consumer or poller thread while the driver reads it, hence
 * synchronized. A negative value (clocks of producer and consumer are the same host's, but a
 * millisecond stamp can round below the previous one) counts as 0 rather than being dropped, so the
 * count stays the number of records seen.
 */
final class LatencyStats {

  /** Longest latency kept exactly; longer ones are clamped to it (an hour). */
  static final long MAX_MS = 3_600_000L;

  private final Histogram histogram = new Histogram(MAX_MS, 3);
  private long clamped;

  synchronized void record(long millis) {
    long v = Math.max(0, millis);
    if (v > MAX_MS) {
      v = MAX_MS;
      clamped++;
    }
    histogram.recordValue(v);
  }

  synchronized long count() {
    return histogram.getTotalCount();
  }

  /**
   * The value at {@code percentile} (0..100) in ms, or NaN when nothing was recorded: an empty
   * measurement must not read as 0 ms.
   */
  synchronized double percentile(double percentile) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
  }

  synchronized double max() {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue();
  }

  /** count, p50, p99, p99.9 and max, for the JSON report. */
  synchronized Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", count());
    out.put("p50_ms", percentile(50));
    out.put("p99_ms", percentile(99));
    out.put("p999_ms", percentile(99.9));
    out.put("max_ms", max());
    out.put("clamped", clamped);
    return out;
  }
}
