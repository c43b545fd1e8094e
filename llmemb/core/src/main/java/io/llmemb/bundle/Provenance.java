package io.llmemb.bundle;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a bundled model came from (docs/style-by-example.md item 13, after Tribuo's {@code ModelProvenance}): the training-data
 * snapshot, hyperparameters, the item-text source (encoder id and prompt template version), and the code and library
 * versions that produced it. Maps are key-sorted so the manifest is deterministic.
 *
 * @param datasetSha256 sha256 of the prepared dataset snapshot the model was trained on
 * @param config hyperparameters as strings (the full typed config is usually a separate bundle part)
 * @param encoderId text encoder / LLM id, or "-" for a model without item text
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

  /** Validates the components (naming the bad one) and copies the maps into sorted, unmodifiable ones. */
  public Provenance {
    requireText("datasetName", datasetName);
    requireText("datasetSha256", datasetSha256);
    requireText("encoderId", encoderId);
    requireText("promptVersion", promptVersion);
    requireText("codeVersion", codeVersion);
    config = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(config, "config")));
    libraryVersions = Collections.unmodifiableSortedMap(
        new TreeMap<>(Objects.requireNonNull(libraryVersions, "libraryVersions")));
  }

  static void requireText(String component, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(component + " must be non-blank");
    }
  }
}
