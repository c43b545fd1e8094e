package io.llmemb.serving.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * Scans every row written so far, chunk by chunk, with a {@link DotKernel}; a row enters the result
 * only when it beats the current k-th score, is active and is not excluded, so deletes and the
 * user's history cost nothing per row. Holds no lock: rows added during a scan are picked up by the
 * next one.
 */
public final class ExactScorer implements Scorer {

  private final ItemRows rows;
  private final DotKernel kernel;

  /** Scans {@code rows} with {@code kernel}. */
  public ExactScorer(ItemRows rows, DotKernel kernel) {
    this.rows = rows;
    this.kernel = kernel;
  }

  @Override
  public List<ScoredRow> top(float[] query, int k, int[] excluded) {
    if (query.length != rows.hidden()) {
      throw new IllegalArgumentException(
          "query has width " + query.length + ", the index holds width " + rows.hidden());
    }
    if (k < 1) {
      return List.of();
    }
    int count = rows.count();
    TopK best = new TopK(k);
    float[] scores = new float[Math.min(count, ItemRows.CHUNK_ROWS)];
    for (int base = 0, c = 0; base < count; base += ItemRows.CHUNK_ROWS, c++) {
      int n = Math.min(ItemRows.CHUNK_ROWS, count - base);
      kernel.dots(query, rows.chunk(c), n, scores);
      float threshold = best.threshold();
      for (int r = 0; r < n; r++) {
        if (scores[r] > threshold || (!best.full() && scores[r] == threshold)) {
          int row = base + r;
          if (rows.isActive(row) && Arrays.binarySearch(excluded, row) < 0) {
            best.offer(row, scores[r]);
            threshold = best.threshold();
          }
        }
      }
    }
    return best.toList();
  }

  @Override
  public String name() {
    return "exact-" + kernel.name();
  }
}
