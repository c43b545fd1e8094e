package io.llmemb.srs;

/**
 * Model hyperparameters shared by the three backbones (docs/llmemb-method.md §8 defaults; §4 for
 * the official values).
 *
 * @param hidden H, embedding and hidden width (default {@value #DEFAULT_HIDDEN}; official 128)
 * @param numBlocks transformer blocks for SASRec/Bert4Rec (default {@value #DEFAULT_BLOCKS})
 * @param heads attention heads (default {@value #DEFAULT_HEADS})
 * @param dropout embedding/attention/FFN dropout, same for every variant compared (default {@value
 *     #DEFAULT_DROPOUT})
 * @param maxLen input length: last {@code maxLen} items, left-padded (default {@value
 *     #DEFAULT_MAX_LEN}; official 200)
 * @param maskProb Bert4Rec cloze selection probability (default {@value #DEFAULT_MASK_PROB})
 */
public record BackboneConfig(
    int hidden, int numBlocks, int heads, float dropout, int maxLen, float maskProb) {

  /** Default H (docs/llmemb-method.md §8). */
  public static final int DEFAULT_HIDDEN = 64;

  /** Default number of blocks. */
  public static final int DEFAULT_BLOCKS = 2;

  /** Default number of heads. */
  public static final int DEFAULT_HEADS = 1;

  /** Default dropout (§8 accepts 0.2–0.3 on tiny data; the official value is 0.5). */
  public static final float DEFAULT_DROPOUT = 0.2f;

  /** Default input length (§8). */
  public static final int DEFAULT_MAX_LEN = 50;

  /** Bert4Rec mask probability (official {@code mask_prob}). */
  public static final float DEFAULT_MASK_PROB = 0.6f;

  public BackboneConfig {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, was " + hidden);
    }
    if (numBlocks < 1) {
      throw new IllegalArgumentException("numBlocks must be >= 1, was " + numBlocks);
    }
    if (heads < 1 || hidden % heads != 0) {
      throw new IllegalArgumentException(
          "heads must be >= 1 and divide hidden " + hidden + ", was " + heads);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    if (maxLen < 2) {
      throw new IllegalArgumentException("maxLen must be >= 2, was " + maxLen);
    }
    if (!(maskProb > 0f && maskProb < 1f)) {
      throw new IllegalArgumentException("maskProb must be in (0, 1), was " + maskProb);
    }
  }

  /** All defaults. */
  public static BackboneConfig defaults() {
    return new BackboneConfig(
        DEFAULT_HIDDEN,
        DEFAULT_BLOCKS,
        DEFAULT_HEADS,
        DEFAULT_DROPOUT,
        DEFAULT_MAX_LEN,
        DEFAULT_MASK_PROB);
  }
}
