package io.llmemb.scft;

import io.llmemb.training.ContrastiveLoss;
import java.util.Objects;

/**
 * SCFT hyper-parameters (docs/llmemb-method.md §3 and §8).
 *
 * @param steps optimiser steps; lr decays linearly from {@code learningRate} to 0 over them
 * @param batchSize item pairs per micro-batch (2× sequences are encoded)
 * @param gradientAccumulation micro-batches per optimiser step
 * @param learningRate AdamW peak lr (2e-4), betas (0.9, 0.999), eps 1e-8, no weight decay
 * @param clipNorm global gradient-norm clip (1.0)
 * @param loss which contrastive loss (§7.3)
 * @param dropRatio attribute drop ratio (0.4)
 * @param resampleViews false: one fixed pair of views per item, as the official code (§7.4); true:
 *     new views every epoch (a documented deviation)
 * @param seed seeds view sampling, batch order and the LoRA init
 */
public record ScftConfig(
    int steps,
    int batchSize,
    int gradientAccumulation,
    float learningRate,
    float clipNorm,
    ContrastiveLoss loss,
    double dropRatio,
    boolean resampleViews,
    long seed) {

  public ScftConfig {
    if (steps <= 0) {
      throw new IllegalArgumentException("steps must be > 0: " + steps);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException(
          "batchSize must be >= 2 (in-batch negatives): " + batchSize);
    }
    if (gradientAccumulation <= 0) {
      throw new IllegalArgumentException(
          "gradientAccumulation must be > 0: " + gradientAccumulation);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0: " + learningRate);
    }
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("clipNorm must be > 0: " + clipNorm);
    }
    Objects.requireNonNull(loss, "loss");
  }

  /**
   * Our defaults: 300 steps, batch 32, no accumulation, lr 2e-4, clip 1.0, the paper loss, ratio
   * 0.4, fixed views. The paper loss is the default because it is scale-free (cosine): the code
   * loss's raw dot products depend on the encoder's vector norms, which differ between LLaMA-7B
   * fp16 and MiniLM (§7.3).
   */
  public static ScftConfig defaults() {
    return new ScftConfig(
        300, 32, 1, 2e-4f, 1.0f, ContrastiveLoss.PAPER, AttributeDropout.PAPER_RATIO, false, 42L);
  }

  public ScftConfig withSteps(int n) {
    return new ScftConfig(
        n,
        batchSize,
        gradientAccumulation,
        learningRate,
        clipNorm,
        loss,
        dropRatio,
        resampleViews,
        seed);
  }

  public ScftConfig withBatchSize(int n) {
    return new ScftConfig(
        steps,
        n,
        gradientAccumulation,
        learningRate,
        clipNorm,
        loss,
        dropRatio,
        resampleViews,
        seed);
  }

  public ScftConfig withLoss(ContrastiveLoss l) {
    return new ScftConfig(
        steps,
        batchSize,
        gradientAccumulation,
        learningRate,
        clipNorm,
        l,
        dropRatio,
        resampleViews,
        seed);
  }

  public ScftConfig withLearningRate(float lr) {
    return new ScftConfig(
        steps, batchSize, gradientAccumulation, lr, clipNorm, loss, dropRatio, resampleViews, seed);
  }
}
