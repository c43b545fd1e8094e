package io.llmemb.cli;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainingObjective;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Backbone choice and hyperparameters shared by {@code train} and {@code rat} (picocli mixin). */
public final class BackboneOptions {

  @Option(
      names = "--backbone",
      defaultValue = "sasrec",
      description = "Backbone: sasrec | gru4rec | bert4rec (default: ${DEFAULT-VALUE}).")
  String backbone;

  @Option(
      names = "--hidden",
      defaultValue = "" + BackboneConfig.DEFAULT_HIDDEN,
      description =
          "Hidden width H of item embeddings and layers (default: ${DEFAULT-VALUE}; official code: 128).")
  int hidden;

  @Option(
      names = "--blocks",
      defaultValue = "" + BackboneConfig.DEFAULT_BLOCKS,
      description =
          "Transformer blocks of SASRec / Bert4Rec; GRU layers of GRU4Rec (default: ${DEFAULT-VALUE}).")
  int blocks;

  @Option(
      names = "--heads",
      defaultValue = "" + BackboneConfig.DEFAULT_HEADS,
      description = "Attention heads per block (default: ${DEFAULT-VALUE}).")
  int heads;

  @Option(
      names = "--dropout",
      defaultValue = "" + BackboneConfig.DEFAULT_DROPOUT,
      description =
          "Dropout on embeddings, attention and feed-forward layers (default: ${DEFAULT-VALUE}; "
              + "official code: 0.5).")
  float dropout;

  @Option(
      names = "--max-len",
      defaultValue = "" + BackboneConfig.DEFAULT_MAX_LEN,
      description =
          "Input length: the last N items of a history, left-padded (default: ${DEFAULT-VALUE}; "
              + "official code: 200).")
  int maxLen;

  @Option(
      names = "--objective",
      description =
          "sasrec/gru4rec: last | all-positions (default: all-positions; GRU4Rec's official is last).")
  String objective;

  @Option(
      names = "--mask-prob",
      defaultValue = "" + BackboneConfig.DEFAULT_MASK_PROB,
      description =
          "Bert4Rec: share of positions masked for the cloze task (default: ${DEFAULT-VALUE}).")
  float maskProb;

  /** The backbone name, lower case. */
  public String backbone() {
    return backbone.toLowerCase(Locale.ROOT);
  }

  /** The hyperparameters these options describe. */
  public BackboneConfig config() {
    return new BackboneConfig(hidden, blocks, heads, dropout, maxLen, maskProb);
  }

  /** The objective, when {@code --objective} was given. */
  public Optional<TrainingObjective> objective() {
    return Optional.ofNullable(objective).map(TrainingObjective::parse);
  }
}
