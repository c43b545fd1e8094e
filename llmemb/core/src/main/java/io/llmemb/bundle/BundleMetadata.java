package io.llmemb.bundle;

import io.llmemb.files.Provenance;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What a caller says about a model when writing a bundle; {@link BundleWriter} adds the format
 * version, creation time and file checksums to make the {@link BundleManifest}.
 *
 * @param bundleVersion release label; see {@link #timestampVersion(Instant)} for the default scheme
 */
public record BundleMetadata(
    String bundleVersion,
    String modelName,
    String backbone,
    String variant,
    Provenance provenance,
    Map<String, Double> metrics) {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Validates like the manifest does, so a bad name fails before any file is written. */
  public BundleMetadata {
    Provenance.requireText("bundleVersion", bundleVersion);
    Provenance.requireText("modelName", modelName);
    Provenance.requireText("backbone", backbone);
    Provenance.requireText("variant", variant);
    if (provenance == null) {
      throw new IllegalArgumentException("provenance must be non-null");
    }
    metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
  }

  /** A sortable, UTC, second-resolution bundle version such as {@code 20261125T042800Z}. */
  public static String timestampVersion(Instant when) {
    return STAMP.format(when);
  }
}
