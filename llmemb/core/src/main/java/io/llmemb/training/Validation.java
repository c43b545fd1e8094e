package io.llmemb.training;

import io.llmemb.eval.EvalProtocol;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What early stopping and the choice of the best epoch look at: validation NDCG@10 under one of
 * three candidate sets (docs/llmemb-method.md §5 and §12).
 */
public enum Validation {
  /**
   * Every item but the user's history, as serving ranks. Deterministic, but on small validation
   * sets the score rests on the few users whose target reaches the top 10, so it jumps from epoch
   * to epoch and patience can end a run early.
   */
  FULL("full"),
  /**
   * The valid target + 100 negatives drawn once per run from the seed: the paper's candidates,
   * without the per-epoch redraw that makes the curve noisy (the default, {@link
   * TrainConfig#DEFAULT_VALIDATION}).
   */
  SAMPLED("sampled"),
  /** The official code: 100 negatives drawn afresh every epoch. */
  SAMPLED_RESAMPLED("sampled-resampled");

  private final String label;

  Validation(String label) {
    this.label = label;
  }

  /** The name used by options, configuration and run files. */
  public String label() {
    return label;
  }

  /** The candidate set of validation after {@code epoch} in a run seeded with {@code seed}. */
  public EvalProtocol protocol(long seed, int epoch) {
    long base = seed * 1_000_003L;
    return switch (this) {
      case FULL -> EvalProtocol.full(base);
      case SAMPLED -> EvalProtocol.sampled(base);
      case SAMPLED_RESAMPLED -> EvalProtocol.sampled(base + epoch);
    };
  }

  /**
   * The validation named {@code label} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Validation parse(String label) {
    String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    for (Validation v : values()) {
      if (v.label.equals(wanted)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "validation must be one of "
            + Arrays.stream(values()).map(Validation::label).collect(Collectors.joining(", "))
            + ", was '"
            + label
            + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
