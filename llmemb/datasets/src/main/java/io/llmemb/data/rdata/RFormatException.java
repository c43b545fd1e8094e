package io.llmemb.data.rdata;

/**
 * The bytes are not a supported R serialization (wrong magic, unsupported type, truncated stream).
 */
public class RFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A problem at a byte offset of the stream being read. */
  public RFormatException(String message) {
    super(message);
  }

  /** A problem with an underlying cause. */
  public RFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
