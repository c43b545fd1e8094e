package io.llmemb.training;

import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's random generator (dropout masks) reseeded before every optimisation step from the
 * run's seed and the step's place only. A step can then be recomputed as the identical computation
 * (same weights, same inputs, same masks), which is what tells a transient native fault from a
 * model that really produces a non-finite value (docs/llmemb-method.md §13.1), and any step of a
 * run can be replayed on its own.
 */
public final class StepSeeds {

  private StepSeeds() {}

  /**
   * The seed of one step: a SplitMix64 mix of the run's seed, the epoch (0 where there are none)
   * and the step's index in it; positive so it reads the same in logs.
   */
  public static long of(long runSeed, int epoch, int step) {
    long z = runSeed * 0x9E3779B97F4A7C15L + ((long) epoch << 20) + step;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  /** Reseeds the engine's generator on every device. */
  public static void apply(long seed) {
    JniUtils.setSeed(seed);
  }
}
