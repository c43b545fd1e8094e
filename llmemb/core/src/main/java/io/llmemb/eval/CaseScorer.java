package io.llmemb.eval;

import java.util.List;

/**
 * Anything that scores every item for a batch of user histories: trained models and baselines
 * alike.
 */
public interface CaseScorer {

  /**
   * Largest item id; each score row has {@code numItems + 1} entries (entry 0 is padding and
   * ignored).
   */
  int numItems();

  /**
   * @param histories input histories (item ids in time order), one per case
   * @return one row of {@code numItems + 1} scores per history; higher = more likely next
   */
  float[][] score(List<int[]> histories);
}
