package io.llmemb.bundle;

import io.llmemb.files.ArtifactManifests;
import java.io.IOException;

/**
 * A model bundle that cannot be trusted or read: names the file at fault, what was expected and
 * what was found. Extends {@link IOException} so callers that already handle I/O failures refuse
 * bad bundles the same way.
 */
public final class BundleException extends IOException {

  /** Why a bundle was refused. */
  public enum Kind {
    /** A file listed in the manifest (or the manifest itself) is absent. */
    MISSING_FILE,
    /** A file's sha256 differs from the manifest's. */
    CHECKSUM_MISMATCH,
    /** A file's byte count differs from the manifest's. */
    SIZE_MISMATCH,
    /** The bundle was written by a newer, unknown format version. */
    UNSUPPORTED_VERSION,
    /** A required manifest field is absent or has the wrong JSON type. */
    MISSING_FIELD,
    /** A file exists but its content cannot be parsed. */
    MALFORMED,
    /**
     * The writer was asked for something a bundle cannot hold (bad part name, duplicate part,
     * existing target).
     */
    INVALID_REQUEST
  }

  /** The shared manifest checks ({@link ArtifactManifests}) refuse a bundle with this exception. */
  static final ArtifactManifests.Refusal<BundleException> REFUSAL =
      (problem, file, expected, found, message) ->
          new BundleException(
              switch (problem) {
                case UNSUPPORTED_VERSION -> Kind.UNSUPPORTED_VERSION;
                case CHECKSUM_MISMATCH -> Kind.CHECKSUM_MISMATCH;
              },
              file,
              expected,
              found,
              message);

  private final Kind kind;
  private final String file;
  private final String expected;
  private final String found;

  /** A refusal of {@code file} (relative to the bundle) with the expected and found values. */
  public BundleException(Kind kind, String file, String expected, String found, String message) {
    super(
        kind
            + " in bundle file '"
            + file
            + "': "
            + message
            + " (expected "
            + expected
            + ", found "
            + found
            + ")");
    this.kind = kind;
    this.file = file;
    this.expected = expected;
    this.found = found;
  }

  /** Why the bundle was refused. */
  public Kind kind() {
    return kind;
  }

  /** The file at fault, relative to the bundle directory. */
  public String file() {
    return file;
  }

  /** The value the manifest or this build expected. */
  public String expected() {
    return expected;
  }

  /** The value actually found. */
  public String found() {
    return found;
  }
}
