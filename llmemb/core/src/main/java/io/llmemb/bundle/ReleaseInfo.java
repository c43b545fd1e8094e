package io.llmemb.bundle;

import io.llmemb.files.Provenance;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller says about a model being released as a bundle; {@link ModelBundles} derives the
 * model name, backbone and variant from the model itself.
 *
 * @param bundleVersion release label, e.g. {@link BundleMetadata#timestampVersion(Instant)}
 * @param provenance where the model came from ({@link #provenance} fills in code and library
 *     versions)
 * @param metrics evaluation metrics to record in the manifest (e.g. {@code
 *     test.sampled.overall.hr@10})
 */
public record ReleaseInfo(
    String bundleVersion, Provenance provenance, Map<String, Double> metrics) {

  /** Encoder id and prompt version of a model without item text. */
  public static final String NO_TEXT = Provenance.NO_TEXT;

  public ReleaseInfo {
    Provenance.requireText("bundleVersion", bundleVersion);
    Objects.requireNonNull(provenance, "provenance");
    metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
  }

  /** A release labelled with the current UTC time. */
  public static ReleaseInfo now(Provenance provenance, Map<String, Double> metrics) {
    return new ReleaseInfo(BundleMetadata.timestampVersion(Instant.now()), provenance, metrics);
  }

  /**
   * Provenance with this build's code and library versions.
   *
   * @param encoderId text encoder id, or {@link #NO_TEXT}
   * @param promptVersion prompt template version, or {@link #NO_TEXT}
   */
  public static Provenance provenance(
      String datasetName,
      String datasetSha256,
      Map<String, String> config,
      String encoderId,
      String promptVersion) {
    return Provenance.of(datasetName, datasetSha256, config, encoderId, promptVersion);
  }
}
