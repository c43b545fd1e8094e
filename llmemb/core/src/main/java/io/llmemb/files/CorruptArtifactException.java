package io.llmemb.files;

/** An artifact on disk that fails its checksum or structure check; it must not be used. */
public class CorruptArtifactException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptArtifactException(String message) {
    super(message);
  }
}
