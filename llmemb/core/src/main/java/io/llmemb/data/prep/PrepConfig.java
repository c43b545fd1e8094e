package io.llmemb.data.prep;

import io.llmemb.data.load.DatasetFormat;
import java.util.Objects;

/**
 * Preprocessing settings (docs/llmemb-method.md §1, §8, §9).
 *
 * @param name dataset name written into the split and manifest
 * @param userCore drop interactions of users with fewer raw interactions than this
 * @param itemCore drop interactions of items with fewer raw interactions than this
 * @param iterativeCore repeat the core filter until stable (k-core); the official code does one
 *     pass (§1, §7.13)
 * @param minSequenceLength drop users shorter than this after id assignment ({@code filter_minmum}:
 *     3)
 * @param tailThreshold long-tail item threshold, fixed or automatic
 * @param tailUserThreshold a test case is a short-history user when its input has fewer items than
 *     this
 * @param tieRule order of interactions with equal timestamps
 */
public record PrepConfig(
    String name,
    int userCore,
    int itemCore,
    boolean iterativeCore,
    int minSequenceLength,
    TailThreshold tailThreshold,
    int tailUserThreshold,
    TieRule tieRule) {

  /** Leave-one-out needs a train item, a validation item and a test item. */
  public static final int MIN_SEQUENCE_LENGTH = 3;

  /**
   * The argument default ts_user of utils/argument.py:L51-58, used where the paper gives no value.
   */
  public static final int DEFAULT_TAIL_USER_THRESHOLD = 10;

  public PrepConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tailThreshold, "tailThreshold");
    Objects.requireNonNull(tieRule, "tieRule");
    if (userCore < 1 || itemCore < 1) {
      throw new IllegalArgumentException(
          "userCore and itemCore must be >= 1, were " + userCore + "/" + itemCore);
    }
    if (minSequenceLength < MIN_SEQUENCE_LENGTH) {
      throw new IllegalArgumentException(
          "minSequenceLength must be >= 3 for leave-one-out, was " + minSequenceLength);
    }
    if (tailUserThreshold < 1) {
      throw new IllegalArgumentException(
          "tailUserThreshold must be >= 1, was " + tailUserThreshold);
    }
  }

  /**
   * Defaults per format. MovieLens: 5/5 with the Pareto-80 tail, which reproduces §9 on
   * ml-latest-small. Yelp: 3/3, ts_item 13, ts_user 12 (§1 table). Amazon: 3/3 (§8), ts_item 4
   * (Beauty and Fashion scripts), ts_user 9 (Beauty) / 3 (Fashion).
   */
  public static PrepConfig defaults(DatasetFormat format, String name) {
    return switch (format) {
      case MOVIELENS, ML_1M, ML_100K ->
          new PrepConfig(
              name,
              5,
              5,
              false,
              MIN_SEQUENCE_LENGTH,
              TailThreshold.auto(),
              DEFAULT_TAIL_USER_THRESHOLD,
              TieRule.RAW_ITEM_ID);
      case YELP ->
          new PrepConfig(
              name,
              3,
              3,
              false,
              MIN_SEQUENCE_LENGTH,
              TailThreshold.of(13),
              12,
              TieRule.RAW_ITEM_ID);
      case AMAZON_2014 ->
          new PrepConfig(
              name, 3, 3, false, MIN_SEQUENCE_LENGTH, TailThreshold.of(4), 9, TieRule.RAW_ITEM_ID);
      case AMAZON_2018 ->
          new PrepConfig(
              name, 3, 3, false, MIN_SEQUENCE_LENGTH, TailThreshold.of(4), 3, TieRule.RAW_ITEM_ID);
    };
  }

  /**
   * Stable one-line text of every setting but the name; manifests store it and it enters the cache
   * key.
   */
  public String describe() {
    return "userCore="
        + userCore
        + " itemCore="
        + itemCore
        + " iterativeCore="
        + iterativeCore
        + " minSequenceLength="
        + minSequenceLength
        + " tailThreshold="
        + tailThreshold
        + " tailUserThreshold="
        + tailUserThreshold
        + " tieRule="
        + tieRule;
  }

  /** A copy with other core thresholds. */
  public PrepConfig withCores(int user, int item) {
    return new PrepConfig(
        name,
        user,
        item,
        iterativeCore,
        minSequenceLength,
        tailThreshold,
        tailUserThreshold,
        tieRule);
  }
}
