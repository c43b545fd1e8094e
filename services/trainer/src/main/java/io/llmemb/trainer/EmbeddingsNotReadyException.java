package io.llmemb.trainer;

/**
 * The published item embeddings cannot make a consistent text view yet (a model or prompt migration
 * is half done, or the catalog's embeddings are still being computed): the trainer waits for the
 * next check instead of failing.
 */
public final class EmbeddingsNotReadyException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is missing or inconsistent, for the one-line log
   */
  public EmbeddingsNotReadyException(String message) {
    super(message);
  }
}
