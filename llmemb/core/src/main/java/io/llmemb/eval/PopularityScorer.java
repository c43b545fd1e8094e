package io.llmemb.eval;

import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.List;

/**
 * Baseline: an item's score is the number of distinct users with it in their <em>training</em>
 * sequence. The split's own popularity counts test interactions (docs/llmemb-method.md §1) and
 * would leak the targets, so it is not used.
 */
public final class PopularityScorer implements CaseScorer {

  private final float[] counts;

  /**
   * @param split only {@link SequenceSplit#train()} is read
   */
  public PopularityScorer(SequenceSplit split) {
    counts = new float[split.numItems() + 1];
    for (int[] seq : split.train()) {
      Arrays.stream(seq).distinct().forEach(i -> counts[i]++);
    }
  }

  @Override
  public int numItems() {
    return counts.length - 1;
  }

  @Override
  public float[][] score(List<int[]> histories) {
    float[][] out = new float[histories.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = counts.clone();
    }
    return out;
  }
}
