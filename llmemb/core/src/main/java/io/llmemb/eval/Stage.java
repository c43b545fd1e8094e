package io.llmemb.eval;

import io.llmemb.data.SequenceSplit;

/** Which leave-one-out case is evaluated (docs/llmemb-method.md §1 "Split"). */
public enum Stage {
  /** Input = train, target = valid. */
  VALID,
  /** Input = train + valid, target = test. */
  TEST;

  /** Input history of user {@code u}. */
  public int[] input(SequenceSplit split, int u) {
    return this == VALID ? split.validInput(u) : split.testInput(u);
  }

  /** Target item of user {@code u}. */
  public int target(SequenceSplit split, int u) {
    return this == VALID ? split.valid()[u] : split.test()[u];
  }
}
