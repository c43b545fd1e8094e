package io.llmemb.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import io.llmemb.training.StepSeeds;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import io.llmemb.training.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Is a training step a deterministic function of its inputs on this machine? Trains SASRec (the
 * default configuration) on the real data for a few epochs, fixes one batch and its step seed
 * ({@link StepSeeds}), then recomputes that step's forward and backward over and over, with a
 * validation pass every few repetitions as in training, and compares each repetition's gradients
 * bit for bit with the first. Every repetition is the identical computation, so any difference, and
 * any non-finite value, is a fault of the native computation, not of the model
 * (docs/llmemb-method.md §13.1). Run it beside other load: the faults seen in training came while
 * the machine was busy.
 *
 * <p>Arguments: {@code [repetitions, default 5000] [warm-up epochs, default 30] [validate every,
 * default 6] [threads, default 1] [System.gc() every ms, default 0 = never]}. Prints one line per
 * differing repetition and a summary.
 */
public final class TransientFaultProbe {

  private TransientFaultProbe() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int warmEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int validateEvery = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int gcEveryMs = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    if (gcEveryMs > 0) {
      // Garbage collection at random points of the native computation: if a tensor still in use
      // sat on memory that a collected Java buffer owned, this makes the fault frequent.
      Thread gc =
          new Thread(
              () -> {
                while (true) {
                  System.gc();
                  try {
                    Thread.sleep(gcEveryMs);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "gc-hammer");
      gc.setDaemon(true);
      gc.start();
    }
    SequenceSplit split = EpochData.load(EpochData.DEFAULT_DIR);
    try (NDManager m =
        NDManager.newBaseManager(new EngineConfig("cpu", threads, threads, 42).apply())) {
      SasRec model =
          new SasRec(
              new BackboneConfig(BackboneConfig.DEFAULT_HIDDEN, 2, 1, 0.2f, 50, 0.6f),
              split.numItems(),
              m,
              IdEmbeddings.factory());
      TrainConfig config = new TrainConfig(1e-3, 128, warmEpochs, warmEpochs, 42);
      Trainer trainer = new Trainer(config, false);
      Path dir = Files.createTempDirectory("fault-probe");
      TrainResult warm = trainer.fit(model, split, dir);
      System.out.printf(
          Locale.ROOT,
          "warm-up: %d epochs, best %d, valid NDCG@10 %.4f%n",
          warm.curve().size(),
          warm.bestEpoch(),
          warm.bestValidNdcg());

      TrainingData data = new TrainingData(split);
      TrainBatch batch = model.sampleBatch(IntStream.range(0, 128).toArray(), data, new Random(7));
      long seed = StepSeeds.of(42, 36, 2);
      AdamOptimizer grads = new AdamOptimizer(model.parameters().asMap(), 1e-3);
      List<String> names = new ArrayList<>(model.parameters().asMap().keySet());
      Evaluator evaluator = new Evaluator();
      float[] reference = null;
      int differing = 0;
      int nonFinite = 0;
      long started = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        grads.zeroGradients();
        float loss = trainer.backward(model, batch, seed);
        float[] sums = gradientSums(model);
        boolean finite = Float.isFinite(loss) && grads.gradientsFinite();
        if (reference == null) {
          reference = sums;
          System.out.printf(Locale.ROOT, "reference loss %.6f%n", loss);
        } else if (!finite || !Arrays.equals(reference, sums)) {
          differing++;
          nonFinite += finite ? 0 : 1;
          System.out.printf(
              Locale.ROOT,
              "repetition %d: loss %.6f, %s; differing gradients: %s%n",
              r,
              loss,
              finite ? "finite" : "NON-FINITE in " + grads.nonFiniteGradients(),
              differingNames(names, reference, sums));
        }
        if (validateEvery > 0 && r % validateEvery == validateEvery - 1) {
          evaluator.evaluate(
              new RecommenderScorer(model), split, Stage.VALID, Validation.SAMPLED.protocol(42, r));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%d repetitions in %.0f s: %d differ from the first, %d of them non-finite%n",
          reps,
          (System.nanoTime() - started) / 1e9,
          differing,
          nonFinite);
    }
  }

  /** Each weight's gradient summed: one float per weight, compared bit for bit. */
  private static float[] gradientSums(SasRec model) {
    List<NDArray> weights = new ArrayList<>(model.parameters().asMap().values());
    float[] out = new float[weights.size()];
    try (NDScope scope = new NDScope()) {
      for (int i = 0; i < out.length; i++) {
        out[i] = weights.get(i).getGradient().sum().getFloat();
      }
      scope.suppressNotUsedWarning();
    }
    return out;
  }

  private static List<String> differingNames(List<String> names, float[] a, float[] b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
        out.add(names.get(i));
      }
    }
    return out;
  }
}
