package io.llmemb.bundle;

import io.llmemb.files.Provenance;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content of a bundle's {@code manifest.json}: format and bundle versions, what the model is,
 * where it came from, its metrics, and the sha256 and size of every part ({@code files}).
 *
 * @param formatVersion the on-disk layout version; readers refuse anything above {@link
 *     #CURRENT_VERSION}
 * @param bundleVersion the release label of this model, e.g. {@code 20261125T042800Z} or {@code
 *     1.2.0}
 * @param createdAt ISO-8601 instant the bundle was written
 */
public record BundleManifest(
    int formatVersion,
    String bundleVersion,
    String modelName,
    String backbone,
    String variant,
    String createdAt,
    Provenance provenance,
    Map<String, Double> metrics,
    Map<String, FileEntry> files) {

  /** The format this build writes, and the newest it reads (docs/style-by-example.md item 12). */
  public static final int CURRENT_VERSION = 1;

  /** The manifest's file name inside a bundle. */
  public static final String MANIFEST_FILE = "manifest.json";

  /** The file holding the manifest's own sha256, in {@code sha256sum} format. */
  public static final String CHECKSUM_FILE = "manifest.sha256";

  /**
   * Validates the components (naming the bad one) and copies the maps into sorted, unmodifiable
   * ones.
   */
  public BundleManifest {
    if (formatVersion < 1) {
      throw new IllegalArgumentException("formatVersion must be >= 1, got " + formatVersion);
    }
    Provenance.requireText("bundleVersion", bundleVersion);
    Provenance.requireText("modelName", modelName);
    Provenance.requireText("backbone", backbone);
    Provenance.requireText("variant", variant);
    Provenance.requireText("createdAt", createdAt);
    Objects.requireNonNull(provenance, "provenance");
    metrics =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(Objects.requireNonNull(metrics, "metrics")));
    files =
        Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(files, "files")));
  }
}
