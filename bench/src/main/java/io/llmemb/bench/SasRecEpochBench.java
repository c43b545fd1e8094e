package io.llmemb.bench;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times SASRec training epochs (H = 64, batch 128, max_len 50 and 200) on DJL and prints
 * sequences/s and positions/s, then runs {@code bench/python/sasrec_epoch.py} (the same model in
 * plain PyTorch on the same sequences) when {@code python3 -c 'import torch'} works and prints the
 * ratio.
 *
 * <p>Usage: {@code java -cp ... io.llmemb.bench.SasRecEpochBench [dataDir] [threads] [epochs]}.
 */
public final class SasRecEpochBench {

  private static final int[] MAX_LENS = {50, 200};
  private static final int WARMUP_EPOCHS = 1;

  private SasRecEpochBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : EpochData.DEFAULT_DIR;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : EngineConfig.defaultThreads();
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    SequenceSplit split = EpochData.load(dir);
    Path trainFile = EpochData.writeTrain(split);
    for (int maxLen : MAX_LENS) {
      double seconds = javaEpochSeconds(split, maxLen, threads, epochs);
      long positions = positions(split, maxLen);
      System.out.printf(
          Locale.ROOT,
          "DJL     max_len %3d: %.2f s/epoch, %.0f sequences/s, %.0f positions/s%n",
          maxLen,
          seconds,
          split.numUsers() / seconds,
          positions / seconds);
      PythonBaseline.epochSeconds(trainFile, split.numItems(), maxLen, threads, epochs)
          .ifPresent(
              py ->
                  System.out.printf(
                      Locale.ROOT,
                      "PyTorch max_len %3d: %.2f s/epoch, %.0f sequences/s; DJL/PyTorch time "
                          + "ratio %.2f%n",
                      maxLen,
                      py,
                      split.numUsers() / py,
                      seconds / py));
    }
  }

  /** Mean seconds of {@code epochs} timed epochs after one warm-up epoch. */
  static double javaEpochSeconds(SequenceSplit split, int maxLen, int threads, int epochs) {
    BackboneConfig config =
        new BackboneConfig(
            BackboneConfig.DEFAULT_HIDDEN,
            BackboneConfig.DEFAULT_BLOCKS,
            BackboneConfig.DEFAULT_HEADS,
            BackboneConfig.DEFAULT_DROPOUT,
            maxLen,
            BackboneConfig.DEFAULT_MASK_PROB);
    try (NDManager manager =
        NDManager.newBaseManager(new EngineConfig("cpu", threads, threads, 42).apply())) {
      SasRec model = new SasRec(config, split.numItems(), manager, IdEmbeddings.factory());
      Trainer trainer = new Trainer(TrainConfig.defaults(42), false);
      TrainingData data = new TrainingData(split);
      AdamOptimizer adam = new AdamOptimizer(model.parameters().asMap(), TrainConfig.DEFAULT_LR);
      Random rng = new Random(42);
      for (int e = 1; e <= WARMUP_EPOCHS; e++) {
        trainer.trainEpoch(model, data, adam, rng, e);
      }
      long start = System.nanoTime();
      for (int e = 1; e <= epochs; e++) {
        trainer.trainEpoch(model, data, adam, rng, e);
      }
      return (System.nanoTime() - start) / 1e9 / epochs;
    }
  }

  /** Labelled positions per epoch: min(maxLen, |train| - 1) per user. */
  static long positions(SequenceSplit split, int maxLen) {
    return Arrays.stream(split.train())
        .mapToLong(t -> Math.min(maxLen, Math.max(0, t.length - 1)))
        .sum();
  }
}
