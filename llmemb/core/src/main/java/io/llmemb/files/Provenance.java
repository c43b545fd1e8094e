package io.llmemb.files;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an artifact came from (docs/style-by-example.md item 13, after Tribuo's {@code
 * ModelProvenance}): the data snapshot, hyperparameters, the item-text source (encoder id and
 * prompt template version), and the code and library versions that produced it. Maps are key-sorted
 * so a manifest is deterministic. Every bundle carries one; the other manifests (embedding table,
 * PCA, LoRA checkpoint, trained model, prepared dataset) may, and files written before they could
 * still load without.
 *
 * @param datasetSha256 sha256 of the data snapshot the artifact was made from
 * @param config hyperparameters as strings (the full typed config is usually a separate file)
 * @param encoderId text encoder / LLM id, or {@link #NO_TEXT} for an artifact without item text
 * @param promptVersion prompt template version, or {@link #NO_TEXT}
 * @param codeVersion this library's version, see {@link BuildInfo#codeVersion()}
 */
public record Provenance(
    String datasetName,
    String datasetSha256,
    Map<String, String> config,
    String encoderId,
    String promptVersion,
    String codeVersion,
    Map<String, String> libraryVersions) {

  /** Encoder id and prompt version of an artifact without item text. */
  public static final String NO_TEXT = "-";

  /**
   * Validates the components (naming the bad one) and copies the maps into sorted, unmodifiable
   * ones.
   */
  public Provenance {
    requireText("datasetName", datasetName);
    requireText("datasetSha256", datasetSha256);
    requireText("encoderId", encoderId);
    requireText("promptVersion", promptVersion);
    requireText("codeVersion", codeVersion);
    config =
        Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(config, "config")));
    libraryVersions =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(Objects.requireNonNull(libraryVersions, "libraryVersions")));
  }

  /** Provenance with this build's code and library versions. */
  public static Provenance of(
      String datasetName,
      String datasetSha256,
      Map<String, String> config,
      String encoderId,
      String promptVersion) {
    return new Provenance(
        datasetName,
        datasetSha256,
        config,
        encoderId,
        promptVersion,
        BuildInfo.codeVersion(),
        BuildInfo.libraryVersions());
  }

  /**
   * The provenance of an artifact derived from this one by this build (e.g. a PCA fitted on an
   * embedding table): the same data and item-text source, this config plus {@code moreConfig}, this
   * build's code and library versions.
   */
  public Provenance derived(Map<String, String> moreConfig) {
    Map<String, String> merged = new TreeMap<>(config);
    merged.putAll(moreConfig);
    return of(datasetName, datasetSha256, merged, encoderId, promptVersion);
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code component} unless {@code value} is
   * non-blank.
   */
  public static void requireText(String component, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(component + " must be non-blank");
    }
  }
}
