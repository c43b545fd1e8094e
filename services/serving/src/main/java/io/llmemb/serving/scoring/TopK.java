package io.llmemb.serving.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code k} (score, row) pairs offered so far, kept sorted best first; ties keep the lower
 * row first when rows are offered in increasing order. Most rows of a scan lose against {@link
 * #threshold()} without a call, so the O(k) insertion is rare.
 */
final class TopK {

  private final float[] scores;
  private final int[] rows;
  private int size;

  TopK(int k) {
    scores = new float[k];
    rows = new int[k];
  }

  /** A score must beat this to enter: -inf until k rows are held. */
  float threshold() {
    return size < scores.length ? Float.NEGATIVE_INFINITY : scores[size - 1];
  }

  boolean full() {
    return size == scores.length;
  }

  void offer(int row, float score) {
    if (full() && !(score > scores[size - 1])) {
      return;
    }
    int i = full() ? size - 1 : size++;
    while (i > 0 && score > scores[i - 1]) {
      scores[i] = scores[i - 1];
      rows[i] = rows[i - 1];
      i--;
    }
    scores[i] = score;
    rows[i] = row;
  }

  List<ScoredRow> toList() {
    List<ScoredRow> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new ScoredRow(rows[i], scores[i]));
    }
    return out;
  }
}
