package io.llmemb.experiment;

import io.llmemb.eval.CaseScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores once, then replays: the first pass of the evaluator goes to the model and every score
 * matrix is kept in call order; {@link #replay()} makes the following passes return the kept
 * matrices. The evaluator visits users in a fixed order, so a replayed pass sees exactly the scores
 * of the first. Used to evaluate one protocol under several tail thresholds (popularity buckets)
 * without running the model again.
 */
final class ReplayScorer implements CaseScorer {

  private final CaseScorer delegate;
  private final List<float[][]> kept = new ArrayList<>();
  private boolean replaying;
  private int next;

  ReplayScorer(CaseScorer delegate) {
    this.delegate = delegate;
  }

  @Override
  public int numItems() {
    return delegate.numItems();
  }

  @Override
  public float[][] score(List<int[]> histories) {
    if (!replaying) {
      float[][] s = delegate.score(histories);
      kept.add(s);
      return s;
    }
    if (next >= kept.size() || kept.get(next).length != histories.size()) {
      throw new IllegalStateException(
          "replayed evaluation asked for batch "
              + next
              + " of "
              + histories.size()
              + " cases, which the first pass did not score");
    }
    return kept.get(next++);
  }

  /** Switches to replay mode and rewinds to the first kept batch. */
  void replay() {
    replaying = true;
    next = 0;
  }
}
