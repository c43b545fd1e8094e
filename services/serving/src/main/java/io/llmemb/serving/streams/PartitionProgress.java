package io.llmemb.serving.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which input partitions are stuck: records waiting (end offset beyond the group's committed
 * offset) while the committed offset has not moved for the stall timeout. Fed with snapshots of
 * committed and end offsets; knows nothing of where they come from, so the rule is unit-testable.
 */
public final class PartitionProgress {

  /** A stuck partition: its lag and for how long its committed offset has not moved. */
  public record Stuck(TopicPartition partition, long lag, Duration since) {
    @Override
    public String toString() {
      return partition + " lag " + lag + ", no progress for " + since.toSeconds() + " s";
    }
  }

  private record Seen(long committed, Instant since) {}

  private final Duration stallTimeout;
  private final Map<TopicPartition, Seen> seen = new HashMap<>();
  private volatile List<Stuck> stuck = List.of();
  private volatile long lag;

  /** Partitions count as stuck after {@code stallTimeout} without progress while lagging. */
  public PartitionProgress(Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
  }

  /**
   * Takes one snapshot: {@code committed} offsets of the group (absent: nothing committed yet,
   * counted from the log start {@code 0}) and {@code end} offsets, at time {@code now}.
   */
  public synchronized void observe(
      Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end, Instant now) {
    List<Stuck> out = new ArrayList<>();
    long total = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      TopicPartition tp = e.getKey();
      long position = committed.getOrDefault(tp, 0L);
      long partitionLag = Math.max(0, e.getValue() - position);
      total += partitionLag;
      Seen before = seen.get(tp);
      if (before == null || before.committed() != position || partitionLag == 0) {
        seen.put(tp, new Seen(position, now));
        continue;
      }
      Duration idle = Duration.between(before.since(), now);
      if (idle.compareTo(stallTimeout) >= 0) {
        out.add(new Stuck(tp, partitionLag, idle));
      }
    }
    lag = total;
    stuck = List.copyOf(out);
  }

  /** The partitions stuck at the last snapshot. */
  public List<Stuck> stuck() {
    return stuck;
  }

  /** Total lag at the last snapshot. */
  public long lag() {
    return lag;
  }
}
