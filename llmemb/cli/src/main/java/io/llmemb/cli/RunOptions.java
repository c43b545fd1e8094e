package io.llmemb.cli;

import picocli.CommandLine.Mixin;

/**
 * The option blocks every training command shares ({@code train}, {@code rat}): backbone,
 * optimisation, engine, evaluation protocol and bundle release (picocli mixin of mixins).
 */
public final class RunOptions {

  @Mixin BackboneOptions model;

  @Mixin TrainingOptions training;

  @Mixin EngineOptions engine;

  @Mixin ProtocolOptions protocol;

  @Mixin BundleOptions bundle;

  /** Backbone choice and hyperparameters. */
  public BackboneOptions model() {
    return model;
  }

  /** Optimisation, early stopping, baselines. */
  public TrainingOptions training() {
    return training;
  }

  /** Device, threads, seed. */
  public EngineOptions engine() {
    return engine;
  }

  /** Evaluation protocols. */
  public ProtocolOptions protocol() {
    return protocol;
  }

  /** Bundle release. */
  public BundleOptions bundle() {
    return bundle;
  }
}
