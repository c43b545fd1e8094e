package io.llmemb.llm.llama;

/**
 * A checkpoint is unreadable, incomplete or inconsistent; the message names the file and the tensor
 * or key.
 */
public final class CheckpointFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names file and tensor/key. */
  public CheckpointFormatException(String message) {
    super(message);
  }

  /** Creates the exception with its cause; the message names file and tensor/key. */
  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
