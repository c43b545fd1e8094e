package io.llmemb.experiment;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Validation;
import java.util.function.Consumer;

/**
 * Model and stage sizes of an experiment, as data. {@link #full()} is the docs/llmemb-method.md §8
 * setting; {@link #quick()} is a tiny profile for tests and smoke runs (few epochs, few SCFT steps,
 * small hidden) whose numbers mean nothing.
 *
 * @param name profile name, recorded in the report
 * @param backbone backbone hyperparameters
 * @param maxEpochs epoch limit
 * @param patience early-stopping patience (validation NDCG@10)
 * @param batchSize training batch size
 * @param learningRate Adam learning rate
 * @param scftSteps SCFT optimiser steps
 * @param scftBatch SCFT item pairs per step
 * @param pcaComponents PCA output dimension d_p
 * @param maxTokens encoder truncation length
 * @param embedBatch items per encoder forward pass
 * @param minEpochs patience cannot stop a run before this epoch ({@link TrainConfig#minEpochs()})
 * @param validation candidates of validation NDCG@10 ({@link TrainConfig#validation()})
 */
public record Profile(
    String name,
    BackboneConfig backbone,
    int maxEpochs,
    int patience,
    int batchSize,
    double learningRate,
    int scftSteps,
    int scftBatch,
    int pcaComponents,
    int maxTokens,
    int embedBatch,
    int minEpochs,
    Validation validation) {

  /** Validates what the records downstream would only reject later, naming the option. */
  public Profile {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("--epochs must be >= 1, was " + maxEpochs);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("--patience must be >= 1, was " + patience);
    }
    if (scftSteps < 1 || scftBatch < 2) {
      throw new IllegalArgumentException(
          "SCFT needs >= 1 step and >= 2 pairs per batch, got " + scftSteps + "/" + scftBatch);
    }
    if (minEpochs < 0) {
      throw new IllegalArgumentException("--min-epochs must be >= 0, was " + minEpochs);
    }
    if (validation == null) {
      throw new IllegalArgumentException("--validation must be given");
    }
    if (pcaComponents < 1) {
      throw new IllegalArgumentException("PCA components must be >= 1, was " + pcaComponents);
    }
  }

  /**
   * The docs/llmemb-method.md §8 defaults: backbone defaults, 200 epochs, patience 20, 300 SCFT
   * steps, d_p 128.
   */
  public static Profile full() {
    return new Profile(
        "full",
        BackboneConfig.defaults(),
        TrainConfig.DEFAULT_MAX_EPOCHS,
        TrainConfig.DEFAULT_PATIENCE,
        TrainConfig.DEFAULT_BATCH,
        TrainConfig.DEFAULT_LR,
        300,
        32,
        128,
        256,
        32,
        TrainConfig.DEFAULT_MIN_EPOCHS,
        TrainConfig.DEFAULT_VALIDATION);
  }

  /**
   * The official scripts' backbone (docs/llmemb-method.md §4: H 128, max_len 200, dropout 0.5, 2
   * blocks, 1 head) and validation (100 negatives redrawn every epoch) with the {@link #full()}
   * stages.
   */
  public static Profile official() {
    BackboneConfig b =
        new BackboneConfig(
            128,
            BackboneConfig.DEFAULT_BLOCKS,
            BackboneConfig.DEFAULT_HEADS,
            0.5f,
            200,
            BackboneConfig.DEFAULT_MASK_PROB);
    return full().rename("official").withBackbone(b).withValidation(Validation.SAMPLED_RESAMPLED);
  }

  /** {@code full}, {@code official} (alias {@code paper}) or {@code quick}. */
  public static Profile named(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "full" -> full();
      case "official", "paper" -> official();
      case "quick" -> quick();
      default ->
          throw new IllegalArgumentException(
              "--profile: unknown profile '"
                  + name
                  + "', expected one of [full, official (alias paper), quick]");
    };
  }

  /**
   * A tiny profile for tests: H 16, one block, 3 epochs, 2 SCFT steps of 4 pairs, d_p 8, 48 tokens.
   */
  public static Profile quick() {
    BackboneConfig b =
        new BackboneConfig(
            16, 1, 1, BackboneConfig.DEFAULT_DROPOUT, 20, BackboneConfig.DEFAULT_MASK_PROB);
    return new Profile(
        "quick",
        b,
        3,
        2,
        TrainConfig.DEFAULT_BATCH,
        TrainConfig.DEFAULT_LR,
        2,
        4,
        8,
        48,
        64,
        0,
        TrainConfig.DEFAULT_VALIDATION);
  }

  /** The same profile with another epoch limit. */
  public Profile withEpochs(int epochs) {
    return edit(f -> f.maxEpochs = epochs);
  }

  /** The same profile with another patience. */
  public Profile withPatience(int p) {
    return edit(f -> f.patience = p);
  }

  /** The same profile with another SCFT length (the §8 300 × 32 takes hours on two CPU cores). */
  public Profile withScft(int steps, int pairsPerStep) {
    return edit(
        f -> {
          f.scftSteps = steps;
          f.scftBatch = pairsPerStep;
        });
  }

  /** The same profile with another minimum epoch count. */
  public Profile withMinEpochs(int epochs) {
    return edit(f -> f.minEpochs = epochs);
  }

  /** The same profile with other backbone hyperparameters. */
  public Profile withBackbone(BackboneConfig b) {
    return edit(f -> f.backbone = b);
  }

  /** The same profile with another learning rate and batch size. */
  public Profile withOptimiser(double lr, int batch) {
    return edit(
        f -> {
          f.learningRate = lr;
          f.batchSize = batch;
        });
  }

  /** The same profile validated on another candidate set. */
  public Profile withValidation(Validation v) {
    return edit(f -> f.validation = v);
  }

  private Profile rename(String n) {
    return edit(f -> f.name = n);
  }

  /** A copy with {@code change} applied to its components (validated again by the constructor). */
  private Profile edit(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** A profile's components, mutable, so one change does not spell out the other eleven. */
  private static final class Fields {
    private String name;
    private BackboneConfig backbone;
    private int maxEpochs;
    private int patience;
    private int batchSize;
    private double learningRate;
    private int scftSteps;
    private int scftBatch;
    private final int pcaComponents;
    private final int maxTokens;
    private final int embedBatch;
    private int minEpochs;
    private Validation validation;

    private Fields(Profile p) {
      name = p.name;
      backbone = p.backbone;
      maxEpochs = p.maxEpochs;
      patience = p.patience;
      batchSize = p.batchSize;
      learningRate = p.learningRate;
      scftSteps = p.scftSteps;
      scftBatch = p.scftBatch;
      pcaComponents = p.pcaComponents;
      maxTokens = p.maxTokens;
      embedBatch = p.embedBatch;
      minEpochs = p.minEpochs;
      validation = p.validation;
    }

    private Profile build() {
      return new Profile(
          name,
          backbone,
          maxEpochs,
          patience,
          batchSize,
          learningRate,
          scftSteps,
          scftBatch,
          pcaComponents,
          maxTokens,
          embedBatch,
          minEpochs,
          validation);
    }
  }

  /** Training settings of one seed. */
  public TrainConfig train(long seed) {
    return new TrainConfig(
        learningRate, batchSize, maxEpochs, patience, seed, minEpochs, validation);
  }
}
