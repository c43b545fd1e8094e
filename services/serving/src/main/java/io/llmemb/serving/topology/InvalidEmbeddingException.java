package io.llmemb.serving.topology;

/**
 * Names the reason an item embedding was dead-lettered although it decoded (key and itemId
 * differing, non-finite or wrongly sized vector, ids out of bounds); its class name is what the
 * {@code dlq.error.class} header carries.
 */
public final class InvalidEmbeddingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With the reason. */
  public InvalidEmbeddingException(String message) {
    super(message);
  }
}
