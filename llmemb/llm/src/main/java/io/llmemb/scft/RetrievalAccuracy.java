package io.llmemb.scft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.TextEncoder;
import io.llmemb.srs.Layers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * In-batch view-1 → view-2 retrieval accuracy: for consecutive groups of {@code groupSize} items,
 * the share of items whose second view is the most cosine-similar second view to its first view.
 * This is the SCFT task measured on items the training never saw; chance is 1/groupSize.
 */
public final class RetrievalAccuracy {

  private RetrievalAccuracy() {}

  /**
   * Views of {@code prompts} drawn once from {@code seed}, so before/after comparisons use the same
   * pairs.
   */
  public static List<AttributeDropout.View> fixedViews(
      List<String> prompts, double ratio, long seed) {
    AttributeDropout d = new AttributeDropout(ratio);
    Random rng = new Random(seed);
    List<AttributeDropout.View> out = new ArrayList<>();
    prompts.forEach(p -> out.add(d.pair(p, rng)));
    return out;
  }

  /**
   * Held-out scores of a set of view pairs.
   *
   * @param accuracy share of items whose second view is the nearest second view of the group to
   *     their first view
   * @param gap mean cosine of the true pairs minus the mean cosine of the other pairs in the group:
   *     a continuous measure of the same thing, less noisy than the accuracy on a few dozen items
   */
  public record Scores(double accuracy, double gap) {}

  /** Accuracy in [0, 1]; the last group may be smaller. */
  public static double evaluate(
      TextEncoder encoder, List<AttributeDropout.View> views, int groupSize) {
    return score(encoder, views, groupSize).accuracy();
  }

  /**
   * Accuracy and similarity gap over consecutive groups of {@code groupSize}; the last group may be
   * smaller.
   */
  public static Scores score(
      TextEncoder encoder, List<AttributeDropout.View> views, int groupSize) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no views to evaluate");
    }
    int hits = 0;
    double positive = 0;
    double negative = 0;
    long negatives = 0;
    for (int start = 0; start < views.size(); start += groupSize) {
      List<AttributeDropout.View> group =
          views.subList(start, Math.min(views.size(), start + groupSize));
      int g = group.size();
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray u =
            Layers.l2Normalize(
                encoder.encode(
                    m, group.stream().map(AttributeDropout.View::first).toList(), false));
        NDArray v =
            Layers.l2Normalize(
                encoder.encode(
                    m, group.stream().map(AttributeDropout.View::second).toList(), false));
        float[] sims = u.matMul(v.transpose()).toFloatArray();
        for (int i = 0; i < g; i++) {
          int best = 0;
          for (int j = 0; j < g; j++) {
            float s = sims[i * g + j];
            best = s > sims[i * g + best] ? j : best;
            if (i == j) {
              positive += s;
            } else {
              negative += s;
              negatives++;
            }
          }
          hits += best == i ? 1 : 0;
        }
      }
    }
    double gap = positive / views.size() - (negatives == 0 ? 0 : negative / negatives);
    return new Scores(hits / (double) views.size(), gap);
  }
}
