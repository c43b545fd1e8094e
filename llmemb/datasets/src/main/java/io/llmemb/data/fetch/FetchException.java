package io.llmemb.data.fetch;

/** The default dataset could not be fetched or verified; the message says what to do. */
public class FetchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with an explanation. */
  public FetchException(String message) {
    super(message);
  }

  /** A failure with a cause. */
  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
