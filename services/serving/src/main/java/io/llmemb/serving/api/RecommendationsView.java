package io.llmemb.serving.api;

import io.llmemb.schemas.avro.Recommendations;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * JSON form of the last {@code Recommendations} emitted for a user.
 *
 * @param userId raw user id
 * @param items best first
 * @param modelVersion release that scored them
 * @param eventTime event time of the interaction that triggered them (epoch ms)
 * @param emittedAt when they were emitted (epoch ms)
 * @param servedBy {@code host:port} of the instance that owns the user's state
 * @param explorationSlots positions in {@code items} (0-based) that were exploration slots for
 *     young items
 */
@Serdeable
public record RecommendationsView(
    String userId,
    List<ItemScore> items,
    String modelVersion,
    long eventTime,
    long emittedAt,
    String servedBy,
    List<Integer> explorationSlots) {

  /** From the Avro record. */
  public static RecommendationsView of(Recommendations r, String servedBy) {
    return new RecommendationsView(
        r.getUserId(),
        r.getItems().stream().map(i -> new ItemScore(i.getItemId(), i.getScore())).toList(),
        r.getModelVersion(),
        r.getEventTime().toEpochMilli(),
        r.getEmittedAt().toEpochMilli(),
        servedBy,
        List.copyOf(r.getExplorationSlots()));
  }
}
