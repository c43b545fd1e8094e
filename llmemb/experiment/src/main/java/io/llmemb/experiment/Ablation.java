package io.llmemb.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The paper's ablations of LLMEmb (docs/llmemb-method.md §6), each a row "w/o ..." of the report.
 */
public enum Ablation {
  /** Raw encoder embeddings instead of SCFT ones. */
  NO_SCFT("no-scft", "w/o SCFT"),
  /** PCA-reduced embeddings fed to the backbone without the trainable adapter. */
  NO_ADAPTER("no-adapter", "w/o adapter"),
  /** The LLM embedding table trainable instead of frozen. */
  NO_FREEZE("no-freeze", "w/o freeze"),
  /** No alignment loss with the pre-trained SASRec. */
  NO_ALIGN("no-align", "w/o align");

  private final String option;
  private final String label;

  Ablation(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /** The value of {@code --ablations}. */
  public String option() {
    return option;
  }

  /** The report row label (starts with "w/o", which the report's checks key on). */
  public String label() {
    return label;
  }

  /** Parses one {@code --ablations} value; the error lists the accepted ones. */
  public static Ablation parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(a -> a.option.equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--ablations: unknown ablation '"
                        + value
                        + "', expected "
                        + Arrays.stream(values())
                            .map(Ablation::option)
                            .collect(Collectors.joining(", "))));
  }
}
