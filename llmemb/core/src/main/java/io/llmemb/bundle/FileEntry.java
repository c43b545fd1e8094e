package io.llmemb.bundle;

import java.util.regex.Pattern;

/** A manifest entry: the sha256 (lower-case hex) and byte count of one bundle part. */
public record FileEntry(String sha256, long bytes) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates the digest shape and the size. */
  public FileEntry {
    if (sha256 == null || !HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex characters, got " + sha256);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
  }
}
