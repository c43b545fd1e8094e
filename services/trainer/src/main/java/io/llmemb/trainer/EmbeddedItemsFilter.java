package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which interactions a text-aware model (RAT, fused) trains on when some items of the
 * snapshot have no published embedding.
 *
 * <p>A few such items (an id nobody catalogued, an item whose embedding failed) are left out
 * together with their interactions, for both variants. RAT has nothing else to represent an item
 * by. The fused model could keep them with an ID view only, but its text table is dense (one PCA
 * row per item, the PCA fitted on all rows), so it would ship a made-up text row that serving then
 * blends in for exactly these low-count items; and the item's ID row would be trained without the
 * text view the gate is built around. Leaving the interactions out keeps both honest: the held-out
 * targets are items the candidate can represent (the current release is re-evaluated on the same
 * filtered snapshot), and the release stays servable: when the item's embedding arrives, serving
 * scores it as a new item through the text view, and the next retrain includes it.
 *
 * <p>Many such items mean the embeddings of a fresh catalog are still being computed: training on
 * the rest would release a model that misses much of the catalog, so the trainer waits for the next
 * check.
 */
final class EmbeddedItemsFilter {

  /** What to do with a snapshot. */
  sealed interface Decision permits Train, Wait {}

  /**
   * Train on {@code interactions}.
   *
   * @param interactions the snapshot's interactions with an embedded item (all of them when nothing
   *     is excluded)
   * @param excludedItems items of the prepared snapshot without an embedding, left out
   * @param excludedInteractions interactions left out with them
   */
  record Train(
      List<Interaction> interactions, List<String> excludedItems, long excludedInteractions)
      implements Decision {}

  /**
   * Too many items lack an embedding: wait.
   *
   * @param missing items of the prepared snapshot without an embedding
   * @param reason the one line to log
   */
  record Wait(int missing, String reason) implements Decision {}

  private static final int SHOWN = 5;

  private final double maxMissingFraction;

  /**
   * @param maxMissingFraction the largest share of a snapshot's items that may be left out before
   *     it waits
   */
  EmbeddedItemsFilter(double maxMissingFraction) {
    this.maxMissingFraction = maxMissingFraction;
  }

  /**
   * @param interactions the snapshot
   * @param preparedItems the items that survive preparation (k-core) of the whole snapshot: an item
   *     the k-core drops anyway is not counted as missing
   * @param embeddings the latest embedding per item id
   */
  Decision decide(
      List<Interaction> interactions,
      List<String> preparedItems,
      Map<String, ItemEmbedding> embeddings) {
    List<String> missing =
        preparedItems.stream().filter(id -> !embeddings.containsKey(id)).sorted().toList();
    if (missing.isEmpty()) {
      return new Train(interactions, List.of(), 0);
    }
    if (missing.size() > maxMissingFraction * preparedItems.size()) {
      return new Wait(
          missing.size(),
          String.format(
              "waiting for item embeddings: %d of %d items (%.1f%%) have none"
                  + " on catalog.item_embeddings yet (first: %s); training starts when at most %.1f%% lack one",
              missing.size(),
              preparedItems.size(),
              100.0 * missing.size() / preparedItems.size(),
              shown(missing),
              100 * maxMissingFraction));
    }
    Set<String> excluded = new HashSet<>(missing);
    List<Interaction> kept =
        interactions.stream().filter(i -> !excluded.contains(i.itemId())).toList();
    return new Train(kept, missing, interactions.size() - kept.size());
  }

  static List<String> shown(List<String> ids) {
    return ids.subList(0, Math.min(SHOWN, ids.size()));
  }
}
