package io.llmemb.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.llmemb.data.MlSubset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.LlmTable;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The root cause of the training runs that stopped, or recomputed a batch, on a non-finite gradient
 * under a finite loss (docs/llmemb-method.md §13.1): a constant that DJL wraps in a tensor over a
 * Java buffer and frees before the backward pass, so a garbage collection between forward and
 * backward turned the attention's 1/√d, the input scaling √H or the alignment weight α into
 * whatever the allocator wrote there. Here a collection is forced between the two passes of a step
 * on real data; the gradients must equal those of the same step without it, bit for bit. Before
 * {@link io.llmemb.engine.Scalars} they differed (often NaN) in every repetition.
 */
class GarbageCollectionDuringBackwardTest {

  private static final int REPETITIONS = 3;

  @Test
  void aCollectionBetweenForwardAndBackwardChangesNoGradientOfSasRec() throws Exception {
    SequenceSplit split = MlSubset.load().split();
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 42).apply())) {
      SasRec model =
          new SasRec(
              new BackboneConfig(32, 2, 1, 0.2f, 50, 0.6f),
              split.numItems(),
              m,
              IdEmbeddings.factory());
      TrainBatch batch = batch(model, split);
      assertStepIgnoresCollections(model, () -> model.loss(batch));
    }
  }

  @Test
  void aCollectionBetweenForwardAndBackwardChangesNoGradientOfTheAlignedAdapter() throws Exception {
    SequenceSplit split = MlSubset.load().split();
    int n = split.numItems();
    int width = 16;
    Random random = new Random(11);
    float[] text = new float[n * width];
    for (int i = 0; i < text.length; i++) {
      text[i] = (float) random.nextGaussian();
    }
    float[] srs = new float[(n + 1) * 32];
    for (int i = 32; i < srs.length; i++) {
      srs[i] = (float) random.nextGaussian() * 0.1f;
    }
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 42).apply())) {
      LlmTable table = new LlmTable(n, width, text, "test-encoder", "test-prompt", null);
      AdapterEmbeddings[] adapter = new AdapterEmbeddings[1];
      SasRec model =
          new SasRec(
              new BackboneConfig(32, 2, 1, 0.2f, 50, 0.6f),
              n,
              m,
              (params, items, extra, hidden) -> {
                adapter[0] =
                    new AdapterEmbeddings(
                        params, items, extra, hidden, AdapterConfig.paper(width), table);
                return adapter[0];
              });
      AlignmentLoss alignment = AlignmentLoss.paper(srs, adapter[0]);
      TrainBatch batch = batch(model, split);
      assertStepIgnoresCollections(model, () -> model.loss(batch).add(alignment.compute(batch)));
    }
  }

  private static TrainBatch batch(SasRec model, SequenceSplit split) {
    return model.sampleBatch(
        IntStream.range(0, Math.min(64, split.numUsers())).toArray(),
        new TrainingData(split),
        new Random(7));
  }

  private static void assertStepIgnoresCollections(SasRec model, LossFunction loss)
      throws InterruptedException {
    long seed = StepSeeds.of(42, 36, 2);
    float[] reference = step(model, loss, seed, false);
    for (float g : reference) {
      assertTrue(Float.isFinite(g), "the undisturbed step is finite");
    }
    for (int r = 0; r < REPETITIONS; r++) {
      assertArrayEquals(
          reference,
          step(model, loss, seed, true),
          0f,
          "repetition "
              + r
              + ": a garbage collection between forward and backward changed the"
              + " gradients");
    }
  }

  /** One forward and backward from zeroed gradients; each weight's gradient summed. */
  private static float[] step(SasRec model, LossFunction loss, long seed, boolean collect)
      throws InterruptedException {
    Map<String, NDArray> weights = model.parameters().asMap();
    weights.values().forEach(w -> w.getGradient().set(new NDIndex("..."), 0f));
    try (NDScope scope = new NDScope();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      StepSeeds.apply(seed);
      NDArray l = loss.forward();
      if (collect) {
        collectGarbage();
      }
      collector.backward(l);
      scope.suppressNotUsedWarning();
    }
    List<Float> sums = new ArrayList<>();
    try (NDScope scope = new NDScope()) {
      weights.values().forEach(w -> sums.add(w.getGradient().sum().getFloat()));
      scope.suppressNotUsedWarning();
    }
    float[] out = new float[sums.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = sums.get(i);
    }
    return out;
  }

  /** A full collection, then time for the reference handler to free the collected buffers. */
  private static void collectGarbage() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
  }

  @FunctionalInterface
  private interface LossFunction {
    NDArray forward();
  }
}
