package io.llmemb.experiment;

import io.llmemb.eval.EvalProtocol;
import io.llmemb.llm.bert.EncoderSpec;
import io.llmemb.srs.Backbones;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that decides an experiment's results, as data; the pipeline hashes the relevant parts
 * into each stage's key. Validation errors name the command-line option.
 *
 * @param backbones backbone names ({@code --backbones})
 * @param seeds training seeds ({@code --seeds} or {@code --seed-count})
 * @param protocols evaluation protocols ({@code --ranking}, {@code --negatives}, {@code --k}, tail
 *     thresholds); their sampler seed is replaced by each training seed
 * @param variants the table's rows other than ablations: labels of {@link Variants} ({@code
 *     --variants})
 * @param ablations ablation rows ({@code --ablations})
 * @param encoder text encoder ({@code --encoder})
 * @param profile model and stage sizes ({@code --quick}, {@code --epochs}, {@code --patience})
 * @param device DJL device
 * @param threads PyTorch threads
 * @param coldFraction share of items of the cold-item protocol ({@code --cold-fraction}; 0 = off):
 *     every model is trained a second time without those items' training interactions and reported
 *     under "cold-" protocols
 */
public record ExperimentConfig(
    List<String> backbones,
    List<Long> seeds,
    List<EvalProtocol> protocols,
    List<String> variants,
    List<Ablation> ablations,
    EncoderSpec encoder,
    Profile profile,
    String device,
    int threads,
    double coldFraction) {

  /** First seed of {@code --seed-count N}: 42, 43, ... */
  public static final long FIRST_SEED = 42;

  /** Validates and normalises (lower-case backbones, no duplicates). */
  public ExperimentConfig {
    backbones =
        Objects.requireNonNull(backbones, "backbones").stream()
            .map(b -> b.trim().toLowerCase(Locale.ROOT))
            .toList();
    nonEmptyDistinct("--backbones", backbones);
    for (String b : backbones) {
      if (!Backbones.NAMES.contains(b)) {
        throw new IllegalArgumentException(
            "--backbones: unknown backbone '" + b + "', expected one of " + Backbones.NAMES);
      }
    }
    nonEmptyDistinct("--seeds", seeds);
    nonEmptyDistinct("--ranking", protocols.stream().map(EvalProtocol::ranking).toList());
    protocols = List.copyOf(protocols);
    variants =
        Objects.requireNonNull(variants, "variants").stream()
            .map(v -> v.trim().toLowerCase(Locale.ROOT))
            .toList();
    nonEmptyDistinct("--variants", variants);
    for (String v : variants) {
      if (!Variants.names().contains(v)) {
        throw new IllegalArgumentException(
            "--variants: unknown variant '" + v + "', expected one of " + Variants.names());
      }
    }
    ablations = List.copyOf(ablations);
    if (new HashSet<>(ablations).size() != ablations.size()) {
      throw new IllegalArgumentException("--ablations: duplicate value in " + ablations);
    }
    Objects.requireNonNull(encoder, "--encoder");
    Objects.requireNonNull(profile, "profile");
    if (!(coldFraction >= 0 && coldFraction < 1)) {
      throw new IllegalArgumentException("--cold-fraction must be in [0, 1), was " + coldFraction);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
    }
  }

  /** The evaluation protocols; the sampler seed is the training seed, as {@code train} does. */
  public List<EvalProtocol> protocols(long seed) {
    return protocols.stream().map(p -> p.withSeed(seed)).toList();
  }

  /**
   * {@code --seeds}: an explicit comma-separated list; a single number is one seed, never a count
   * (a count made {@code --seeds 42} mean 42 seeds).
   */
  public static List<Long> parseSeeds(String value) {
    try {
      return List.of(value.split(",")).stream().map(s -> Long.parseLong(s.trim())).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--seeds must be a comma-separated list of integer seeds (e.g. 42,43,44), "
              + "was '"
              + value
              + "'; --seed-count N asks for N seeds from "
              + FIRST_SEED,
          e);
    }
  }

  /** {@code --seed-count N}: the N seeds {@value #FIRST_SEED}, {@value #FIRST_SEED} + 1, .... */
  public static List<Long> seedRange(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("--seed-count must be >= 1, was " + count);
    }
    return java.util.stream.LongStream.range(FIRST_SEED, FIRST_SEED + count).boxed().toList();
  }

  /** {@code --encoder}: {@code minilm}, {@code bge} or {@code bge-small}. */
  public static EncoderSpec parseEncoder(String value) {
    try {
      return EncoderSpec.byKey(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--encoder: " + e.getMessage(), e);
    }
  }

  private static void nonEmptyDistinct(String option, List<?> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(option + " must name at least one value");
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(option + ": duplicate value in " + values);
    }
  }
}
