package io.llmemb.serving.topology;

import io.llmemb.serving.model.TextVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The content order of the exploration slots (docs/architecture.md, "New items: exploration slots";
 * measured in docs/llmemb-method.md §11.1): young candidates ranked by the mean cosine similarity
 * of their text vector to the user's latest items' text vectors. A young item's text view in the
 * model is trained on few or no interactions; plain text similarity to what the user just consumed
 * finds the right young item more often (a sequel, the same franchise or genre). The same rule as
 * {@code io.llmemb.eval.ContentScorer} offline. Pure: no clock, no index.
 */
final class YoungByContent {

  private final Function<String, Optional<TextVector>> historyText;
  private final Function<String, Optional<TextVector>> youngText;
  private final int recent;

  /**
   * @param historyText text vector of any item the user may have consumed (the embeddings store)
   * @param youngText text vector of a young item (held in memory while it is young)
   * @param recent how many of the latest history items the similarity averages over (those without
   *     a comparable text vector are left out)
   */
  YoungByContent(
      Function<String, Optional<TextVector>> historyText,
      Function<String, Optional<TextVector>> youngText,
      int recent) {
    if (recent < 1) {
      throw new IllegalArgumentException("recent must be >= 1, was " + recent);
    }
    this.historyText = historyText;
    this.youngText = youngText;
    this.recent = recent;
  }

  /**
   * The best {@code n} of {@code candidates} by content, best first (ties: lower id first), leaving
   * out the {@code seen} ones and those without a text vector of the history's text model; empty
   * when no history item has a text vector (the caller falls back to the model's score).
   *
   * @param history the user's items, oldest first
   */
  List<String> best(List<String> history, List<String> candidates, Set<String> seen, int n) {
    float[] centroid = null;
    TextVector first = null;
    int used = 0;
    // Only the latest `recent` items are looked up (a store read each), with or without a vector.
    for (int i = history.size() - 1; i >= Math.max(0, history.size() - recent); i--) {
      Optional<TextVector> text = historyText.apply(history.get(i));
      if (text.isEmpty() || (first != null && !first.comparable(text.get()))) {
        continue;
      }
      if (first == null) {
        first = text.get();
        centroid = new float[first.unit().length];
      }
      float[] unit = text.get().unit();
      for (int h = 0; h < centroid.length; h++) {
        centroid[h] += unit[h];
      }
      used++;
    }
    if (first == null || n < 1) {
      return List.of();
    }
    record Scored(String id, float score) {}
    List<Scored> scored = new ArrayList<>();
    for (String id : candidates) {
      if (seen.contains(id)) {
        continue;
      }
      Optional<TextVector> text = youngText.apply(id);
      if (text.isPresent() && first.comparable(text.get())) {
        scored.add(new Scored(id, text.get().dot(centroid) / used));
      }
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparing(Scored::id));
    List<String> out = new ArrayList<>(Math.min(n, scored.size()));
    for (int i = 0; i < scored.size() && i < n; i++) {
      out.add(scored.get(i).id());
    }
    return out;
  }
}
