package io.llmemb.data;

import java.nio.file.Path;

/**
 * A dataset file is structurally unusable (missing header column, wrong format, truncated
 * archive...).
 *
 * <p>Row-level problems are not thrown but counted in a {@link LoadReport}; this exception is for
 * problems that make the whole file unreadable.
 */
public class DataFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Problem at a known line (1-based) of a file. */
  public DataFormatException(Path file, long line, String message) {
    super(file + ":" + line + ": " + message);
  }

  /** Problem with a file as a whole. */
  public DataFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
  }

  /** Problem not tied to one file. */
  public DataFormatException(String message) {
    super(message);
  }
}
