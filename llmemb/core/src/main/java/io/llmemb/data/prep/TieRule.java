package io.llmemb.data.prep;

/** How interactions with equal timestamps are ordered (docs/llmemb-method.md §1 step 3, §9). */
public enum TieRule {
  /**
   * The rule of the official run in §9: sort by user, then timestamp, then raw item id; users are
   * numbered in raw id order. Numeric ids compare as numbers.
   */
  RAW_ITEM_ID,
  /**
   * Python's stable sort on timestamp alone: ties keep file order, users are numbered in
   * first-appearance order.
   */
  FILE_ORDER
}
