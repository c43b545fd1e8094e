package io.llmemb.scft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.Pooling;
import io.llmemb.llm.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * In-batch view-1 → view-2 retrieval accuracy: for consecutive groups of {@code groupSize} items, the share of
 * items whose second view is the most cosine-similar second view to its first view. This is the SCFT task
 * measured on items the training never saw; chance is 1/groupSize.
 */
public final class RetrievalAccuracy {

  private RetrievalAccuracy() {
  }

  /** Views of {@code prompts} drawn once from {@code seed}, so before/after comparisons use the same pairs. */
  public static List<AttributeDropout.View> fixedViews(List<String> prompts, double ratio, long seed) {
    AttributeDropout d = new AttributeDropout(ratio);
    Random rng = new Random(seed);
    List<AttributeDropout.View> out = new ArrayList<>();
    prompts.forEach(p -> out.add(d.pair(p, rng)));
    return out;
  }

  /** Accuracy in [0, 1]; the last group may be smaller. */
  public static double evaluate(TextEncoder encoder, List<AttributeDropout.View> views, int groupSize) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no views to evaluate");
    }
    int hits = 0;
    for (int start = 0; start < views.size(); start += groupSize) {
      List<AttributeDropout.View> group = views.subList(start, Math.min(views.size(), start + groupSize));
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray u = Pooling.l2Normalize(encoder.encode(m, group.stream().map(AttributeDropout.View::first)
            .toList(), false));
        NDArray v = Pooling.l2Normalize(encoder.encode(m, group.stream().map(AttributeDropout.View::second)
            .toList(), false));
        long[] best = u.matMul(v.transpose()).argMax(1).toLongArray();
        for (int i = 0; i < best.length; i++) {
          if (best[i] == i) {
            hits++;
          }
        }
      }
    }
    return hits / (double) views.size();
  }
}
