package io.llmemb.llm.tokenize;

/**
 * A tokenizer file is unreadable or malformed; the message names the file and the offending entry.
 */
public final class TokenizerFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming file and entry. */
  public TokenizerFormatException(String message) {
    super(message);
  }

  /** Creates the exception with a message naming file and entry, and its cause. */
  public TokenizerFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
