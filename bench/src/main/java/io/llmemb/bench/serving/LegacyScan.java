package io.llmemb.bench.serving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The scan serving used before the {@code Scorer}s, kept as the baseline: one float[] row array, a
 * {@code HashSet<String>.contains} per row for the seen items, a one-accumulator scalar dot
 * product, a {@link PriorityQueue} of boxed candidates.
 */
final class LegacyScan {

  private final int hidden;
  private final float[] rows;
  private final List<String> ids;

  LegacyScan(int hidden, float[] rows, List<String> ids) {
    this.hidden = hidden;
    this.rows = rows;
    this.ids = ids;
  }

  List<String> top(float[] query, int k, Set<String> exclude) {
    PriorityQueue<Candidate> heap =
        new PriorityQueue<>(
            k + 1,
            (a, b) ->
                a.score != b.score
                    ? Float.compare(a.score, b.score)
                    : Integer.compare(b.row, a.row));
    for (int row = 0; row < ids.size(); row++) {
      if (!exclude.isEmpty() && exclude.contains(ids.get(row))) {
        continue;
      }
      float s = 0f;
      int offset = row * hidden;
      for (int j = 0; j < hidden; j++) {
        s += query[j] * rows[offset + j];
      }
      if (heap.size() < k) {
        heap.add(new Candidate(s, row));
      } else if (s > heap.peek().score) {
        heap.poll();
        heap.add(new Candidate(s, row));
      }
    }
    List<String> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      out.add(ids.get(heap.poll().row));
    }
    Collections.reverse(out);
    return out;
  }

  private record Candidate(float score, int row) {}
}
