package io.llmemb.text;

/**
 * Counts of bad or unusual item input seen while building prompts (common brief: handled, counted,
 * never fatal).
 *
 * @param instructionOnly items with no attributes at all: their prompt is the instruction alone
 * @param emptyValues items with at least one missing value (null, blank text or an empty list),
 *     rendered as the notebooks do ("None" / "" / "none") rather than dropped
 * @param nonLatin items whose prompt contains letters outside the Latin script (CJK, Cyrillic,
 *     ...): kept; the English-centric tokenizers may map them to unknown or byte tokens
 */
public record PromptCounts(int instructionOnly, int emptyValues, int nonLatin) {

  /** No bad input. */
  public static final PromptCounts NONE = new PromptCounts(0, 0, 0);
}
