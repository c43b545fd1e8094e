package io.llmemb.demo;

import io.llmemb.bundle.BundleReader;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the demo names a release on the console: version, variant (plain / RAT / fused), backbone,
 * items, metrics. The release record has no variant field; the bundle's manifest (at the record's
 * {@code file:} uri) says it. When the bundle cannot be read here (a deployment's store elsewhere),
 * the record's {@code llmVersion} still tells a plain ID model (none) from one with a text view.
 */
final class ReleaseDescription {

  private ReleaseDescription() {}

  /**
   * One clause for the console, e.g. {@code fused (RAT text view + ID view) sasrec, 387 items,
   * metrics {...}}.
   */
  static String describe(ModelRelease release) {
    return describe(release, ReleaseDescription::manifestVariant);
  }

  static String describe(
      ModelRelease release, Function<ModelRelease, Optional<String>> manifestVariant) {
    return "variant "
        + variant(release, manifestVariant)
        + ", backbone "
        + release.getBackbone()
        + ", "
        + release.getNumItems()
        + " items, metrics "
        + metrics(release.getMetrics());
  }

  /** The variant's display name, from the manifest or, failing that, from {@code llmVersion}. */
  static String variant(
      ModelRelease release, Function<ModelRelease, Optional<String>> manifestVariant) {
    Optional<String> fromManifest;
    try {
      fromManifest = manifestVariant.apply(release);
    } catch (RuntimeException e) {
      fromManifest = Optional.empty();
    }
    return fromManifest
        .map(ReleaseDescription::label)
        .orElseGet(
            () ->
                release.getLlmVersion() == null
                    ? label(ModelBundles.ID_VARIANT)
                        + " (from the release record; bundle not readable here)"
                    : "RAT or fused (text view of "
                        + release.getLlmVersion()
                        + "; bundle not readable here)");
  }

  /** Display name of a manifest variant; unknown ones as they are. */
  static String label(String variant) {
    return switch (variant) {
      case ModelBundles.ID_VARIANT -> "plain (ID embeddings only)";
      case AdapterEmbeddings.VARIANT -> "RAT (LLM embeddings through the adapter)";
      case FusedItemEmbeddings.VARIANT -> "fused (RAT text view + ID view)";
      default -> variant;
    };
  }

  /**
   * The variant in the manifest of the bundle at a {@code file:} uri; empty for any other uri or a
   * bad bundle.
   */
  static Optional<String> manifestVariant(ModelRelease release) {
    try {
      URI uri = URI.create(release.getUri());
      if (!"file".equals(uri.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(BundleReader.open(Path.of(uri), release.getSha256()).manifest().variant());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Metrics sorted by name, 4 decimals. */
  static String metrics(Map<String, Double> metrics) {
    return new TreeMap<>(metrics)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.4f", e.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
  }
}
