package io.llmemb.serving.topology;

/**
 * Tuning of the serving topology (config as data; read from {@code llmemb.serving.*}).
 *
 * @param topK recommendations per list
 * @param maxSeqLen items kept per user (the backbone reads at most its own maxLen of them; all of them count as
 *     seen)
 */
public record ServingSettings(int topK, int maxSeqLen) {

  /** Validates the numbers; the message names the bad one. */
  public ServingSettings {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, was " + topK);
    }
    if (maxSeqLen < 1) {
      throw new IllegalArgumentException("maxSeqLen must be >= 1, was " + maxSeqLen);
    }
  }
}
