package io.llmemb.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every artifact manifest does the same way, written once: the bundle's {@code manifest.json},
 * the embedding table's and the trained model's, {@code pca.json}, the LoRA checkpoint's {@code
 * adapter.json} and the prepared dataset's. A reader refuses a format version it cannot read before
 * parsing anything else, naming the file and both versions; a writer records the sha256 of each
 * data file it lists and a reader verifies them, naming the file and both checksums. Each artifact
 * keeps the exception type its callers handle through a {@link Refusal} ({@link #CORRUPT} by
 * default).
 */
public final class ArtifactManifests {

  /** Why an artifact was refused. */
  public enum Problem {
    /** Written by a format version this build does not read. */
    UNSUPPORTED_VERSION,
    /** A file's sha256 differs from the one recorded for it. */
    CHECKSUM_MISMATCH
  }

  /** Builds the exception an artifact's readers throw for a refused file. */
  @FunctionalInterface
  public interface Refusal<E extends Exception> {
    E refuse(Problem problem, String file, String expected, String found, String message);
  }

  /** Refuses with a {@link CorruptArtifactException}. */
  public static final Refusal<CorruptArtifactException> CORRUPT =
      (problem, file, expected, found, message) ->
          new CorruptArtifactException(file, expected, found, message);

  private ArtifactManifests() {}

  /**
   * Refuses a format version outside {@code 1..current}.
   *
   * @param file the manifest, as the error should name it
   * @param artifact what the file is, e.g. {@code bundle}, {@code embedding artifact}
   * @param found the version as written in the file (anything but an integer in range is refused)
   * @param current the version this build writes, and the newest it reads
   * @return the version
   */
  public static <E extends Exception> int checkVersion(
      String file, String artifact, String found, int current, Refusal<E> refusal) throws E {
    int version;
    try {
      version = Integer.parseInt(found);
    } catch (NumberFormatException e) {
      version = -1;
    }
    if (version < 1 || version > current) {
      throw refusal.refuse(
          Problem.UNSUPPORTED_VERSION,
          file,
          "1.." + current,
          found,
          artifact + " format " + found + ", this build reads up to " + current);
    }
    return version;
  }

  /**
   * Reads a JSON manifest into {@code type}, checking its format version first: the integer field
   * {@code versionField}, where an absent field means 1 (files written before the manifest recorded
   * a version).
   *
   * @throws CorruptArtifactException for a version this build does not read
   * @throws IOException when the file cannot be read or bound
   */
  public static <T> T readJson(
      Path file,
      ObjectMapper json,
      Class<T> type,
      String artifact,
      String versionField,
      int current)
      throws IOException {
    JsonNode root = json.readTree(file.toFile());
    if (!(root instanceof ObjectNode object)) {
      throw new CorruptArtifactException(
          file.toString(),
          "a JSON object",
          String.valueOf(root),
          artifact + " manifest is not a JSON object");
    }
    JsonNode version = object.get(versionField);
    if (version == null) {
      object.put(versionField, 1);
    } else {
      checkVersion(file.toString(), artifact, version.toString(), current, CORRUPT);
    }
    return json.treeToValue(object, type);
  }

  /** The sha256 of each named file in {@code dir}, by name, to record in a manifest. */
  public static SortedMap<String, String> checksums(Path dir, String... names) {
    SortedMap<String, String> out = new TreeMap<>();
    for (String name : names) {
      out.put(name, Sha256.of(dir.resolve(name)));
    }
    return out;
  }

  /**
   * Refuses {@code file} unless its content's sha256 {@code found} is the recorded {@code
   * expected}.
   */
  public static <E extends Exception> void verify(
      String file, String expected, String found, Refusal<E> refusal) throws E {
    if (!found.equals(expected)) {
      throw refusal.refuse(
          Problem.CHECKSUM_MISMATCH,
          file,
          expected,
          found,
          "content differs from the recorded sha256; the file is corrupt or was modified");
    }
  }

  /** Verifies each file of {@code dir} a manifest lists, by name, against its recorded sha256. */
  public static <E extends Exception> void verifyAll(
      Path dir, Map<String, String> sha256ByName, Refusal<E> refusal) throws E {
    for (Map.Entry<String, String> e : new TreeMap<>(sha256ByName).entrySet()) {
      Path file = dir.resolve(e.getKey());
      verify(file.toString(), e.getValue(), Sha256.of(file), refusal);
    }
  }
}
