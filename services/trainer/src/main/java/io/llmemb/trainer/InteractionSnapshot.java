package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The interaction log read up to fixed end offsets: what one training run sees.
 *
 * @param interactions decoded interactions, in log order per partition (the preprocessor sorts by
 *     time)
 * @param endOffsets end offset per partition number; together they identify the snapshot
 * @param malformed records that could not be decoded and were left out
 */
public record InteractionSnapshot(
    List<Interaction> interactions, Map<Integer, Long> endOffsets, long malformed) {

  /** Copies the components. */
  public InteractionSnapshot {
    interactions = List.copyOf(interactions);
    endOffsets = Map.copyOf(endOffsets);
  }

  /** Records in the log up to the snapshot (decoded or not); grows with every new interaction. */
  public long records() {
    return endOffsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * {@code tracking.interactions@0:120,1:98,2:133}: the position, as stored in {@code
   * ModelRelease.datasetSnapshot}.
   */
  public String describe(String topic) {
    return topic
        + "@"
        + new TreeMap<>(endOffsets)
            .entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
  }
}
