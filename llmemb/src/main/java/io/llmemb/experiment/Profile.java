package io.llmemb.experiment;

import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainConfig;

/**
 * Model and stage sizes of an experiment, as data. {@link #full()} is the method doc's §8 setting; {@link #quick()}
 * is a tiny profile for tests and smoke runs (few epochs, few SCFT steps, small hidden) whose numbers mean nothing.
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
 */
public record Profile(String name, BackboneConfig backbone, int maxEpochs, int patience, int batchSize,
    double learningRate, int scftSteps, int scftBatch, int pcaComponents, int maxTokens, int embedBatch) {

  /** Validates what the records downstream would only reject later, naming the option. */
  public Profile {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("--epochs must be >= 1, was " + maxEpochs);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("--patience must be >= 1, was " + patience);
    }
    if (scftSteps < 1 || scftBatch < 2) {
      throw new IllegalArgumentException("SCFT needs >= 1 step and >= 2 pairs per batch, got " + scftSteps + "/"
          + scftBatch);
    }
    if (pcaComponents < 1) {
      throw new IllegalArgumentException("PCA components must be >= 1, was " + pcaComponents);
    }
  }

  /** The method doc's §8 defaults: backbone defaults, 200 epochs, patience 20, 300 SCFT steps, d_p 128. */
  public static Profile full() {
    return new Profile("full", BackboneConfig.defaults(), TrainConfig.DEFAULT_MAX_EPOCHS, TrainConfig.DEFAULT_PATIENCE,
        TrainConfig.DEFAULT_BATCH, TrainConfig.DEFAULT_LR, 300, 32, 128, 256, 32);
  }

  /** A tiny profile for tests: H 16, one block, 3 epochs, 2 SCFT steps of 4 pairs, d_p 8, 48 tokens. */
  public static Profile quick() {
    BackboneConfig b = new BackboneConfig(16, 1, 1, BackboneConfig.DEFAULT_DROPOUT, 20,
        BackboneConfig.DEFAULT_MASK_PROB);
    return new Profile("quick", b, 3, 2, TrainConfig.DEFAULT_BATCH, TrainConfig.DEFAULT_LR, 2, 4, 8, 48, 64);
  }

  /** The same profile with another epoch limit. */
  public Profile withEpochs(int epochs) {
    return new Profile(name, backbone, epochs, patience, batchSize, learningRate, scftSteps, scftBatch,
        pcaComponents, maxTokens, embedBatch);
  }

  /** The same profile with another patience. */
  public Profile withPatience(int p) {
    return new Profile(name, backbone, maxEpochs, p, batchSize, learningRate, scftSteps, scftBatch, pcaComponents,
        maxTokens, embedBatch);
  }

  /** Training settings of one seed. */
  public TrainConfig train(long seed) {
    return new TrainConfig(learningRate, batchSize, maxEpochs, patience, seed);
  }
}
