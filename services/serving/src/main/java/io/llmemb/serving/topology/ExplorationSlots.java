package io.llmemb.serving.topology;

import io.llmemb.serving.model.ScoredItemId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts exploration slots into a top-K list (docs/architecture.md, "New items: exploration slots").
 * Of the young candidates (items younger than new-item-max-age that the model was not trained on,
 * unseen, best first by the model's own score or by content), the first {@code slots} must be in
 * the list. Those the ranking already holds keep their place and use no slot; each of the others
 * takes the place of the lowest-ranked entry that is not one of them, and sits where its score puts
 * it among the rest, which is the end of the list unless the ranking missed it (graph search).
 * Pure: no clock, no index.
 */
final class ExplorationSlots {

  /**
   * One entry of the final list.
   *
   * @param exploration whether it took an exploration slot
   */
  record Entry(ScoredItemId item, boolean exploration) {}

  private ExplorationSlots() {}

  /**
   * The list of at most {@code k} entries: {@code ranked} (best first) with the best {@code slots}
   * of {@code young} (best first) placed in it.
   */
  static List<Entry> place(List<ScoredItemId> ranked, List<ScoredItemId> young, int slots, int k) {
    List<ScoredItemId> chosen = young.subList(0, Math.min(Math.min(slots, k), young.size()));
    Set<String> rankedIds = new HashSet<>();
    for (ScoredItemId s : ranked) {
      rankedIds.add(s.itemId());
    }
    Set<String> chosenIds = new HashSet<>();
    List<ScoredItemId> missing = new ArrayList<>(chosen.size());
    for (ScoredItemId s : chosen) {
      chosenIds.add(s.itemId());
      if (!rankedIds.contains(s.itemId())) {
        missing.add(s);
      }
    }
    // Merged by score below: the young list may come in another order (content order).
    missing.sort(Comparator.comparingDouble((ScoredItemId s) -> -s.score()));
    List<ScoredItemId> kept = new ArrayList<>(ranked.subList(0, Math.min(k, ranked.size())));
    int room = k - missing.size();
    for (int i = kept.size() - 1; i >= 0 && kept.size() > room; i--) {
      if (!chosenIds.contains(kept.get(i).itemId())) {
        kept.remove(i);
      }
    }
    List<Entry> out = new ArrayList<>(kept.size() + missing.size());
    int a = 0;
    int b = 0;
    while (a < kept.size() || b < missing.size()) {
      // ties go to the ranked entry: a slot never pushes down an item of the same score
      boolean takeKept =
          b == missing.size() || (a < kept.size() && kept.get(a).score() >= missing.get(b).score());
      out.add(takeKept ? new Entry(kept.get(a++), false) : new Entry(missing.get(b++), true));
    }
    return out;
  }
}
