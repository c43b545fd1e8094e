package io.llmemb.eval;

import java.util.List;
import java.util.Random;

/** Baseline: independent uniform scores, seeded. */
public final class RandomScorer implements CaseScorer {

  private final int numItems;
  private final Random rng;

  /**
   * @param numItems largest item id
   * @param seed seed of the scores
   */
  public RandomScorer(int numItems, long seed) {
    this.numItems = numItems;
    this.rng = new Random(seed);
  }

  @Override
  public int numItems() {
    return numItems;
  }

  @Override
  public float[][] score(List<int[]> histories) {
    float[][] out = new float[histories.size()][numItems + 1];
    for (float[] row : out) {
      for (int i = 1; i <= numItems; i++) {
        row[i] = rng.nextFloat();
      }
    }
    return out;
  }
}
