package io.llmemb.files;

/**
 * An artifact on disk that fails its checksum, format version or structure check; it must not be
 * used. When thrown by {@link ArtifactManifests}, the message names the file and the expected and
 * found values.
 */
public class CorruptArtifactException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptArtifactException(String message) {
    super(message);
  }

  /** A refusal of {@code file} with the value expected and the one found. */
  public CorruptArtifactException(String file, String expected, String found, String message) {
    this(file + ": " + message + " (expected " + expected + ", found " + found + ")");
  }
}
