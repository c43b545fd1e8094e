package io.llmemb.serving.topology;

/**
 * Names the reason an interaction was dead-lettered although it decoded (blank ids, key and userId
 * differing); its class name is what the {@code dlq.error.class} header carries.
 */
public final class InvalidInteractionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With the reason. */
  public InvalidInteractionException(String message) {
    super(message);
  }
}
