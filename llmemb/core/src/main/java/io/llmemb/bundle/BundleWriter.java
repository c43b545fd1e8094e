package io.llmemb.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.llmemb.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects named parts in memory and writes them as a bundle directory: the parts, {@code
 * manifest.json} (format {@link BundleManifest#CURRENT_VERSION}) and {@code manifest.sha256}.
 * Everything is written into a temporary sibling directory first and renamed into place, so a
 * reader never sees a half-written bundle.
 */
public final class BundleWriter {

  /** Part names: portable file names, no directories, not starting with a dot. */
  public static final Pattern PART_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);

  private final BundleMetadata metadata;
  private final Clock clock;
  private final Map<String, byte[]> parts = new TreeMap<>();

  /**
   * A writer for one bundle; {@code clock} stamps {@code createdAt} (fixed in tests for byte-stable
   * output).
   */
  public BundleWriter(BundleMetadata metadata, Clock clock) {
    this.metadata = metadata;
    this.clock = clock;
  }

  /** Adds raw bytes as part {@code name}. */
  public BundleWriter put(String name, byte[] data) throws BundleException {
    if (!PART_NAME.matcher(name).matches()
        || name.equals(BundleManifest.MANIFEST_FILE)
        || name.equals(BundleManifest.CHECKSUM_FILE)) {
      throw new BundleException(
          BundleException.Kind.INVALID_REQUEST,
          name,
          "a name matching " + PART_NAME + " other than the manifest's",
          name,
          "bad part name");
    }
    if (parts.putIfAbsent(name, data.clone()) != null) {
      throw new BundleException(
          BundleException.Kind.INVALID_REQUEST,
          name,
          "a new part name",
          "a duplicate",
          "part added twice");
    }
    return this;
  }

  /** Adds UTF-8 text. */
  public BundleWriter putText(String name, String text) throws BundleException {
    return put(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a value serialised as JSON with sorted keys (a config record, a metrics map...). */
  public BundleWriter putJson(String name, Object value) throws BundleException {
    try {
      return put(name, ManifestCodec.MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new BundleException(
          BundleException.Kind.INVALID_REQUEST,
          name,
          "a JSON-serialisable value",
          value.getClass().getName(),
          "cannot serialise: " + e.getOriginalMessage());
    }
  }

  /** Adds an array as a {@code .npy} part that numpy can load. */
  public BundleWriter putNpy(String name, NpyArray array) throws BundleException {
    return put(name, array.toNpy());
  }

  /**
   * Writes the bundle to {@code target}, which must not exist yet; returns the manifest and its
   * sha256.
   */
  public WrittenBundle writeTo(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new BundleException(
          BundleException.Kind.INVALID_REQUEST,
          absolute.toString(),
          "a new directory",
          "an existing path",
          "refusing to overwrite a bundle; bundles are immutable releases");
    }
    Files.createDirectories(absolute.getParent());
    // Not createTempDirectory: its 0700 mode would survive the rename and hide the bundle from a
    // serving user.
    Path tmp =
        Files.createDirectory(
            absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID()));
    try {
      Map<String, FileEntry> files = new TreeMap<>();
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        Files.write(tmp.resolve(part.getKey()), part.getValue());
        files.put(part.getKey(), new FileEntry(Sha256.of(part.getValue()), part.getValue().length));
      }
      BundleManifest manifest =
          new BundleManifest(
              BundleManifest.CURRENT_VERSION,
              metadata.bundleVersion(),
              metadata.modelName(),
              metadata.backbone(),
              metadata.variant(),
              clock.instant().toString(),
              metadata.provenance(),
              metadata.metrics(),
              files);
      byte[] json = ManifestCodec.write(manifest);
      String sha = Sha256.of(json);
      Files.write(tmp.resolve(BundleManifest.MANIFEST_FILE), json);
      Files.writeString(
          tmp.resolve(BundleManifest.CHECKSUM_FILE),
          sha + "  " + BundleManifest.MANIFEST_FILE + "\n",
          StandardCharsets.US_ASCII);
      move(tmp, absolute);
      LOG.info(
          "Wrote bundle {} {} ({} parts, manifest sha256 {})",
          manifest.modelName(),
          absolute,
          files.size(),
          sha);
      return new WrittenBundle(absolute, manifest, sha);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same parent directory, so this only happens on exotic file systems; a plain rename is the
      // best left.
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove temporary bundle directory {}", dir, e);
    }
  }
}
