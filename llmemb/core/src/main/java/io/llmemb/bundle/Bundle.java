package io.llmemb.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * A verified, opened bundle (see {@link BundleReader}). Each part accessor re-checks the part's
 * sha256 as it reads it, so a file changed after opening is still refused.
 */
public final class Bundle {

  private final Path dir;
  private final BundleManifest manifest;
  private final String manifestSha256;

  Bundle(Path dir, BundleManifest manifest, String manifestSha256) {
    this.dir = dir;
    this.manifest = manifest;
    this.manifestSha256 = manifestSha256;
  }

  /** The bundle directory. */
  public Path dir() {
    return dir;
  }

  /** The parsed manifest. */
  public BundleManifest manifest() {
    return manifest;
  }

  /** The sha256 of {@code manifest.json}, which pins every part. */
  public String manifestSha256() {
    return manifestSha256;
  }

  /** Names of the parts listed in the manifest. */
  public Set<String> parts() {
    return manifest.files().keySet();
  }

  /** The part's bytes, verified against the manifest. */
  public byte[] bytes(String name) throws IOException {
    FileEntry entry = manifest.files().get(name);
    if (entry == null) {
      throw new BundleException(
          BundleException.Kind.MISSING_FILE,
          name,
          "one of " + parts(),
          "no such part",
          "part is not listed in the manifest");
    }
    return BundleReader.verify(dir, name, entry);
  }

  /** The part as UTF-8 text. */
  public String text(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The part parsed as JSON into {@code type}. */
  public <T> T json(String name, Class<T> type) throws IOException {
    byte[] data = bytes(name);
    try {
      return ManifestCodec.MAPPER.readValue(data, type);
    } catch (IOException e) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          name,
          "JSON for " + type.getSimpleName(),
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          "cannot parse part");
    }
  }

  /** The part parsed as a {@code .npy} array. */
  public NpyArray npy(String name) throws IOException {
    return NpyArray.fromNpy(name, bytes(name));
  }
}
