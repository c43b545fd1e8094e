package io.llmemb.embeddingworker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Progress of a backfill over {@code catalog.items}: records between each partition's start offset
 * and the end offset seen when the backfill began, against the consumer's current position.
 */
final class BackfillProgress {

  private final Map<TopicPartition, Long> start;
  private final Map<TopicPartition, Long> end;
  private final long total;
  private final Clock clock;
  private final Instant began;

  BackfillProgress(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, Clock clock) {
    this.start = Map.copyOf(start);
    this.end = Map.copyOf(end);
    this.total =
        end.entrySet().stream()
            .mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L))
            .sum();
    this.clock = clock;
    this.began = clock.instant();
  }

  /** Records of the backfill range consumed so far, given each partition's current position. */
  long done(ToLongFunction<TopicPartition> position) {
    long done = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long from = start.getOrDefault(e.getKey(), 0L);
      long pos = Math.min(position.applyAsLong(e.getKey()), e.getValue());
      done += Math.max(0, pos - from);
    }
    return done;
  }

  /** Records in the backfill range. */
  long total() {
    return total;
  }

  /** Fraction done in [0, 1]; 1 for an empty topic. */
  double fraction(ToLongFunction<TopicPartition> position) {
    return total == 0 ? 1.0 : (double) done(position) / total;
  }

  /** One log line: percentage, counts, records/s and an ETA. */
  String describe(ToLongFunction<TopicPartition> position) {
    long done = done(position);
    double seconds = Math.max(1e-3, Duration.between(began, clock.instant()).toMillis() / 1e3);
    double rate = done / seconds;
    long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : -1;
    return String.format(
        "backfill %.1f%% (%d/%d records, %.1f records/s, ETA %s)",
        100.0 * fraction(position), done, total, rate, etaSeconds < 0 ? "?" : etaSeconds + " s");
  }
}
