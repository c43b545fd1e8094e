package io.llmemb.bench.reliability;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.schemas.avro.ScoredItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What serving must have emitted for one interaction, recomputed outside Kafka from the user's
 * input sequence and the same bundle: the stored sequence is the user's last {@code maxSeqLen}
 * items, the backbone reads the known ones among them, every item in it counts as seen, and the
 * top-K is by dot product (ties: lower row first), which is serving's contract. A recommendation
 * that differs means the user's sequence in serving's state differed from the input at that point:
 * an event lost, applied twice, or a store restored to the wrong offset.
 */
final class OfflineReference implements AutoCloseable {

  /**
   * Scores are recomputed with another thread count; tiny float differences are not a state
   * difference.
   */
  private static final float SCORE_TOLERANCE = 1e-3f;

  private final ServingModel model;
  private final int topK;
  private final int maxSeqLen;
  private final Map<String, Integer> internalIds = new HashMap<>();
  private final float[] vectors;
  private final int hidden;

  private OfflineReference(ServingModel model, int topK, int maxSeqLen) {
    this.model = model;
    this.topK = topK;
    this.maxSeqLen = maxSeqLen;
    List<String> ids = model.itemIds();
    for (int i = 0; i < ids.size(); i++) {
      internalIds.put(ids.get(i), i + 1);
    }
    this.vectors = model.itemVectors();
    this.hidden = model.hidden();
  }

  static OfflineReference load(Path bundleDir, String sha256, int topK, int maxSeqLen)
      throws IOException {
    return new OfflineReference(ServingModels.load(bundleDir, sha256), topK, maxSeqLen);
  }

  /**
   * The expected list after the last item of {@code sequence} (the user's items so far, oldest
   * first, the triggering one included).
   */
  List<ScoredItem> expected(List<String> sequence) {
    List<String> window =
        sequence.subList(Math.max(0, sequence.size() - maxSeqLen), sequence.size());
    int[] history = history(window);
    if (history.length == 0) {
      return List.of();
    }
    return top(model.encodeUser(history), new HashSet<>(window));
  }

  /**
   * Same items in the same order, where a swap of two items whose scores are within tolerance is no
   * difference.
   */
  static boolean matches(List<ScoredItem> expected, List<ScoredItem> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      boolean sameItem = expected.get(i).getItemId().equals(actual.get(i).getItemId());
      if (!sameItem
          && Math.abs(expected.get(i).getScore() - actual.get(i).getScore()) > SCORE_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  private int[] history(List<String> window) {
    int[] out = new int[Math.min(window.size(), model.maxLen())];
    int n = 0;
    for (int i = window.size() - 1; i >= 0 && n < out.length; i--) {
      Integer id = internalIds.get(window.get(i));
      if (id != null) {
        out[out.length - 1 - n++] = id;
      }
    }
    return java.util.Arrays.copyOfRange(out, out.length - n, out.length);
  }

  private List<ScoredItem> top(float[] query, Set<String> exclude) {
    record Candidate(float score, int row) {}
    PriorityQueue<Candidate> heap =
        new PriorityQueue<>(
            topK + 1,
            (a, b) ->
                a.score() != b.score()
                    ? Float.compare(a.score(), b.score())
                    : Integer.compare(b.row(), a.row()));
    List<String> ids = model.itemIds();
    for (int row = 0; row < ids.size(); row++) {
      if (exclude.contains(ids.get(row))) {
        continue;
      }
      float score = 0f;
      for (int j = 0; j < hidden; j++) {
        score += query[j] * vectors[row * hidden + j];
      }
      if (heap.size() < topK) {
        heap.add(new Candidate(score, row));
      } else if (score > heap.peek().score()) {
        heap.poll();
        heap.add(new Candidate(score, row));
      }
    }
    List<ScoredItem> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      Candidate c = heap.poll();
      out.add(0, new ScoredItem(ids.get(c.row()), c.score()));
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
