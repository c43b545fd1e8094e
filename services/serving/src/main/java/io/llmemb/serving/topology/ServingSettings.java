package io.llmemb.serving.topology;

import io.llmemb.eval.ExposurePolicy;

/**
 * Tuning of the serving topology (config as data; read from {@code llmemb.serving.*}).
 *
 * @param topK recommendations per list
 * @param maxSeqLen items kept per user (the backbone reads at most its own maxLen of them; all of
 *     them count as seen)
 * @param maxSeqBytes most bytes of one stored sequence (UTF-8 ids + 4 bytes each); oldest items
 *     dropped beyond
 * @param newItemSlots entries of each list reserved for young items the model was not trained on
 *     (exploration slots, docs/architecture.md); 0 turns them off, at most {@code topK}
 * @param newItemOrder which young items take the slots: the best by the model's score, or by text
 *     similarity to the user's latest items
 * @param contentRecent how many of the user's latest items the content order compares with
 */
public record ServingSettings(
    int topK,
    int maxSeqLen,
    int maxSeqBytes,
    int newItemSlots,
    ExposurePolicy.YoungOrder newItemOrder,
    int contentRecent) {

  /** Default of {@link #contentRecent} (chosen on validation, docs/llmemb-method.md §11.1). */
  public static final int DEFAULT_CONTENT_RECENT = 5;

  /**
   * Most items of one recommendation list: larger lists would make the output record itself a risk.
   */
  public static final int MAX_TOP_K = 1_000;

  /** Validates the numbers; the message names the bad one. */
  public ServingSettings {
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new IllegalArgumentException("topK must be in 1.." + MAX_TOP_K + ", was " + topK);
    }
    if (maxSeqLen < 1) {
      throw new IllegalArgumentException("maxSeqLen must be >= 1, was " + maxSeqLen);
    }
    if (maxSeqBytes < 1024) {
      throw new IllegalArgumentException("maxSeqBytes must be >= 1024, was " + maxSeqBytes);
    }
    if (newItemSlots < 0 || newItemSlots > topK) {
      throw new IllegalArgumentException(
          "newItemSlots must be in 0..topK (" + topK + "), was " + newItemSlots);
    }
    if (newItemOrder == null) {
      throw new IllegalArgumentException("newItemOrder must be score or content");
    }
    if (contentRecent < 1) {
      throw new IllegalArgumentException("contentRecent must be >= 1, was " + contentRecent);
    }
  }

  /** Settings whose slots take young items by the model's score. */
  public ServingSettings(int topK, int maxSeqLen, int maxSeqBytes, int newItemSlots) {
    this(
        topK,
        maxSeqLen,
        maxSeqBytes,
        newItemSlots,
        ExposurePolicy.YoungOrder.SCORE,
        DEFAULT_CONTENT_RECENT);
  }

  /** Settings without exploration slots. */
  public ServingSettings(int topK, int maxSeqLen, int maxSeqBytes) {
    this(topK, maxSeqLen, maxSeqBytes, 0);
  }
}
