package io.llmemb.cli;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainingObjective;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Backbone choice and hyperparameters shared by {@code train} and {@code rat} (picocli mixin). */
public final class BackboneOptions {

  @Option(names = "--backbone", defaultValue = "sasrec", description = "sasrec | gru4rec | bert4rec.")
  String backbone;

  @Option(names = "--hidden", defaultValue = "" + BackboneConfig.DEFAULT_HIDDEN, description = "H.")
  int hidden;

  @Option(names = "--blocks", defaultValue = "" + BackboneConfig.DEFAULT_BLOCKS, description = "Transformer blocks.")
  int blocks;

  @Option(names = "--heads", defaultValue = "" + BackboneConfig.DEFAULT_HEADS, description = "Attention heads.")
  int heads;

  @Option(names = "--dropout", defaultValue = "" + BackboneConfig.DEFAULT_DROPOUT, description = "Dropout.")
  float dropout;

  @Option(names = "--max-len", defaultValue = "" + BackboneConfig.DEFAULT_MAX_LEN, description = "Input length.")
  int maxLen;

  @Option(names = "--objective",
      description = "sasrec/gru4rec: last | all-positions (default: all-positions; GRU4Rec's official is last).")
  String objective;

  @Option(names = "--mask-prob", defaultValue = "" + BackboneConfig.DEFAULT_MASK_PROB,
      description = "Bert4Rec cloze probability.")
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
