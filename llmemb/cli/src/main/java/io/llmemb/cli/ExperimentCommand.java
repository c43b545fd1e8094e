package io.llmemb.cli;

import io.llmemb.data.ColdItems;
import io.llmemb.data.fetch.DataDirs;
import io.llmemb.engine.EngineConfig;
import io.llmemb.experiment.Ablation;
import io.llmemb.experiment.DataSource;
import io.llmemb.experiment.ExperimentConfig;
import io.llmemb.experiment.ExperimentPipeline;
import io.llmemb.experiment.Profile;
import io.llmemb.experiment.Variants;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code experiment}: the whole LLMEmb comparison from one command, with every stage cached under
 * {@code --work} (see {@link ExperimentPipeline}) and the report (Markdown, HTML, JSON, PNG plots)
 * in {@code --out}.
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description =
        "Run the LLMEmb experiment (prepare, plain backbones, SCFT, embed, PCA, variants, evaluate) with "
            + "cached stages and write the report.")
public final class ExperimentCommand implements Callable<Integer> {

  @Option(names = "--data", description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Option(
      names = "--dataset",
      description =
          "Raw MovieLens directory (ratings.csv, movies.csv); default: "
              + "$LLMEMB_DATA_DIR/"
              + DataDirs.ML_LATEST_SMALL
              + ". Ignored when --data is given.")
  Path dataset;

  @Option(
      names = "--backbones",
      split = ",",
      defaultValue = "sasrec,gru4rec,bert4rec",
      description = "Backbones (default: ${DEFAULT-VALUE}).")
  List<String> backbones;

  @Option(
      names = "--seeds",
      description = "Training seeds as a comma-separated list, e.g. 42,43,44 or 43.")
  String seeds;

  @Option(
      names = "--seed-count",
      description =
          "Number of seeds from 42 (3 = 42,43,44; default 3 when --seeds " + "is not given).")
  Integer seedCount;

  @Option(
      names = "--variants",
      split = ",",
      defaultValue = Variants.NONE + "," + Variants.LLMEMB + "," + Variants.FUSED,
      description = "Rows besides the ablations (default: ${DEFAULT-VALUE}).")
  List<String> variants;

  @Option(
      names = "--ablations",
      split = ",",
      description = "no-scft, no-adapter, no-freeze, no-align.")
  List<String> ablations = List.of();

  @Option(
      names = "--encoder",
      defaultValue = "minilm",
      description = "minilm | bge (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--quick",
      description =
          "Tiny profile for tests and smoke runs (numbers mean nothing); the same "
              + "as --profile quick.")
  boolean quick;

  @Option(
      names = "--profile",
      defaultValue = "full",
      description =
          "Named sizes: full (docs/llmemb-method.md §8: H 64, "
              + "max_len 50, dropout 0.2), official (alias paper; the official scripts: H 128, max_len 200, dropout 0.5) or quick "
              + "(default: ${DEFAULT-VALUE}). The options below override single values.")
  String profileName;

  @Option(names = "--hidden", description = "Backbone width H (default: the profile's).")
  Integer hidden;

  @Option(names = "--max-len", description = "Input length (default: the profile's).")
  Integer maxLen;

  @Option(names = "--dropout", description = "Backbone dropout (default: the profile's).")
  Float dropout;

  @Option(names = "--blocks", description = "Transformer blocks (default: the profile's).")
  Integer blocks;

  @Option(names = "--heads", description = "Attention heads (default: the profile's).")
  Integer heads;

  @Option(names = "--lr", description = "Adam learning rate (default: the profile's).")
  Double lr;

  @Option(names = "--batch-size", description = "Training batch size (default: the profile's).")
  Integer batchSize;

  @Option(
      names = "--min-epochs",
      description = "Patience cannot stop a run before this epoch (default: the " + "profile's).")
  Integer minEpochs;

  @Option(
      names = "--validation",
      description =
          "Candidates of validation NDCG@10: sampled (100 negatives drawn once), sampled-resampled "
              + "(every epoch, the official code) or full (default: the profile's; full: sampled, "
              + "official: sampled-resampled).")
  String validation;

  @Option(names = "--epochs", description = "Max training epochs (default: the profile's).")
  Integer epochs;

  @Option(names = "--patience", description = "Early-stopping patience (default: the profile's).")
  Integer patience;

  @Option(names = "--scft-steps", description = "SCFT optimiser steps (default: the profile's).")
  Integer scftSteps;

  @Option(
      names = "--scft-batch",
      description = "SCFT item pairs per step (default: the profile's).")
  Integer scftBatch;

  @Mixin ProtocolOptions protocol;

  @Option(
      names = "--cold-fraction",
      defaultValue = "" + ColdItems.DEFAULT_FRACTION,
      description =
          "Cold-item protocol: every model is also trained without the training interactions of this "
              + "share of items (seeded per run) and evaluated on the test cases whose target is one of them; "
              + "0 = off (default: ${DEFAULT-VALUE}).")
  double coldFraction;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu | gpu | auto (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", description = "PyTorch threads (default: min(cores, 2)).")
  Integer threads;

  @Option(
      names = "--out",
      defaultValue = "runs/experiment/report",
      description = "Report directory (default: " + "${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--work",
      defaultValue = "runs/experiment/work",
      description = "Stage cache directory (default: " + "${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--no-progress", description = "No progress bars (logs only).")
  boolean noProgress;

  /** The configuration these options describe; errors name the option. */
  public ExperimentConfig config() {
    Profile profile = quick ? Profile.quick() : Profile.named(profileName);
    if (epochs != null) {
      profile = profile.withEpochs(epochs);
    }
    if (patience != null) {
      profile = profile.withPatience(patience);
    }
    if (minEpochs != null) {
      profile = profile.withMinEpochs(minEpochs);
    }
    if (validation != null) {
      profile = profile.withValidation(Validation.parse(validation));
    }
    if (scftSteps != null || scftBatch != null) {
      profile =
          profile.withScft(
              scftSteps != null ? scftSteps : profile.scftSteps(),
              scftBatch != null ? scftBatch : profile.scftBatch());
    }
    BackboneConfig b = profile.backbone();
    profile =
        profile.withBackbone(
            new BackboneConfig(
                hidden != null ? hidden : b.hidden(),
                blocks != null ? blocks : b.numBlocks(),
                heads != null ? heads : b.heads(),
                dropout != null ? dropout : b.dropout(),
                maxLen != null ? maxLen : b.maxLen(),
                b.maskProb()));
    profile =
        profile.withOptimiser(
            lr != null ? lr : profile.learningRate(),
            batchSize != null ? batchSize : profile.batchSize());
    return new ExperimentConfig(
        backbones,
        seeds(),
        protocol.protocols(ExperimentConfig.FIRST_SEED),
        variants,
        ablations.stream().map(Ablation::parse).toList(),
        ExperimentConfig.parseEncoder(encoder),
        profile,
        device,
        threads != null ? threads : EngineConfig.defaultThreads(),
        coldFraction);
  }

  private List<Long> seeds() {
    if (seeds != null && seedCount != null) {
      throw new IllegalArgumentException(
          "--seeds and --seed-count exclude each other: give the seeds or their " + "number");
    }
    return seeds != null
        ? ExperimentConfig.parseSeeds(seeds)
        : ExperimentConfig.seedRange(seedCount != null ? seedCount : DEFAULT_SEED_COUNT);
  }

  /** Seeds when neither --seeds nor --seed-count is given. */
  static final int DEFAULT_SEED_COUNT = 3;

  /** The data these options name. */
  public DataSource source() {
    if (data != null) {
      return new DataSource.Prepared(data);
    }
    return new DataSource.MovieLens(dataset != null ? dataset : DataDirs.movieLensSmall());
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExperimentConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      // A usage error, not a crash: picocli prints the message (which names the option) and the
      // usage.
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ExperimentPipeline.Outcome o =
        new ExperimentPipeline(config, source(), work, !noProgress).run(out);
    System.out.printf(
        Locale.ROOT,
        "experiment: %d runs, %d stages computed (%s), %.1f s; report %s (%d empty " + "cells)%n",
        o.runs().size(),
        o.executed().size(),
        o.executed().isEmpty() ? "all cached" : "see log",
        o.seconds(),
        o.report().markdown(),
        o.report().missingCells());
    return 0;
  }
}
