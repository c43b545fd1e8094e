package io.llmemb.bundle;

import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a bundle directory and refuses it, with a {@link BundleException} naming the file and the
 * expected vs found value, unless: the manifest matches {@code manifest.sha256} (and the release
 * record's checksum when given), its format version is one this build reads, every required field
 * is present, and every listed part exists with the listed size and sha256.
 */
public final class BundleReader {

  private BundleReader() {}

  /** Opens and verifies the bundle at {@code dir}. */
  public static Bundle open(Path dir) throws IOException {
    byte[] json = readRequired(dir, BundleManifest.MANIFEST_FILE);
    String sha = Sha256.of(json);
    String recorded =
        new String(readRequired(dir, BundleManifest.CHECKSUM_FILE), StandardCharsets.US_ASCII)
            .trim()
            .split("\\s+")[0];
    ArtifactManifests.verify(BundleManifest.MANIFEST_FILE, recorded, sha, BundleException.REFUSAL);
    BundleManifest manifest = ManifestCodec.read(json);
    for (Map.Entry<String, FileEntry> e : manifest.files().entrySet()) {
      verify(dir, e.getKey(), e.getValue());
    }
    return new Bundle(dir, manifest, sha);
  }

  /**
   * Opens the bundle and also checks its manifest sha256 against the one a release record carries.
   */
  public static Bundle open(Path dir, String expectedManifestSha256) throws IOException {
    Bundle bundle = open(dir);
    if (!bundle.manifestSha256().equals(expectedManifestSha256)) {
      throw new BundleException(
          BundleException.Kind.CHECKSUM_MISMATCH,
          BundleManifest.MANIFEST_FILE,
          expectedManifestSha256,
          bundle.manifestSha256(),
          "bundle is not the release that was recorded");
    }
    return bundle;
  }

  /** Checks one part's presence, size and sha256 and returns its bytes. */
  static byte[] verify(Path dir, String name, FileEntry entry) throws IOException {
    byte[] data = readRequired(dir, name);
    if (data.length != entry.bytes()) {
      throw new BundleException(
          BundleException.Kind.SIZE_MISMATCH,
          name,
          entry.bytes() + " bytes",
          data.length + " bytes",
          "part size differs from the manifest");
    }
    ArtifactManifests.verify(name, entry.sha256(), Sha256.of(data), BundleException.REFUSAL);
    return data;
  }

  private static byte[] readRequired(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new BundleException(
          BundleException.Kind.MISSING_FILE,
          name,
          "a regular file",
          "nothing at " + file,
          "bundle file is missing");
    }
    return Files.readAllBytes(file);
  }
}
