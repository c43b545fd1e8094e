package io.llmemb.llm.tokenize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A right-padded batch of token ids: row {@code b} holds {@code lengths[b]} real ids followed by
 * padding.
 *
 * @param ids row-major {@code [batch, width]} ids, padding included
 * @param lengths real tokens per row, each in {@code 1..width}
 * @param width padded row length
 */
public record TokenBatch(long[] ids, int[] lengths, int width) {

  /** Validates shapes; copies nothing (callers own the arrays). */
  public TokenBatch {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    if (ids.length != (long) lengths.length * width) {
      throw new IllegalArgumentException(
          "ids has "
              + ids.length
              + " entries, expected lengths.length * width = "
              + lengths.length * width);
    }
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 1 || lengths[b] > width) {
        throw new IllegalArgumentException(
            "lengths[" + b + "] = " + lengths[b] + " outside 1.." + width);
      }
    }
  }

  /** Builds a batch from unpadded rows, right-padding with {@code padId}. */
  public static TokenBatch rightPadded(int[][] rows, int padId) {
    int width = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(1);
    long[] ids = new long[rows.length * width];
    Arrays.fill(ids, padId);
    int[] lengths = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      lengths[b] = rows[b].length;
      for (int t = 0; t < rows[b].length; t++) {
        ids[b * width + t] = rows[b][t];
      }
    }
    return new TokenBatch(ids, lengths, width);
  }

  /** Number of rows. */
  public int batchSize() {
    return lengths.length;
  }

  /** Real (non-padding) tokens in the whole batch. */
  public long realTokens() {
    return Arrays.stream(lengths).asLongStream().sum();
  }

  /** The ids as an int64 {@code [batch, width]} array. */
  public NDArray idsArray(NDManager manager) {
    return manager.create(ids, new Shape(batchSize(), width));
  }

  /** True at real positions: a boolean {@code [batch, width]} array. */
  public NDArray maskArray(NDManager manager) {
    boolean[] mask = new boolean[ids.length];
    for (int b = 0; b < lengths.length; b++) {
      Arrays.fill(mask, b * width, b * width + lengths[b], true);
    }
    return manager.create(mask, new Shape(batchSize(), width));
  }
}
