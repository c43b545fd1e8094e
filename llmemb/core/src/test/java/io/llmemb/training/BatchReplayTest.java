package io.llmemb.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.SyntheticSplits;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The trainer's recomputation of a non-finite batch is only evidence of a transient fault if it is
 * the identical computation: the same weights, batch and dropout masks give bit-identical
 * gradients, and the masks come from the batch's seed, not from how much randomness ran before.
 */
class BatchReplayTest {

  @Test
  void theSameBatchSeedGivesBitIdenticalGradientsEvenAfterOtherRandomness() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      // Heavy dropout: a different mask would change every gradient.
      SasRec model =
          new SasRec(
              new BackboneConfig(16, 2, 1, 0.5f, 10, 0.6f),
              data.numItems(),
              m,
              IdEmbeddings.factory());
      Trainer trainer = new Trainer(new TrainConfig(1e-3, 32, 1, 1, 4), false);
      TrainBatch batch =
          model.sampleBatch(
              IntStream.range(0, 32).toArray(), new TrainingData(data), new Random(7));
      long seed = StepSeeds.of(4, 36, 2);

      float[] first = gradients(model, () -> trainer.backward(model, batch, seed));
      // Validation, other batches: anything that draws from the engine's generator in between.
      m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1000)).close();
      float[] again = gradients(model, () -> trainer.backward(model, batch, seed));
      float[] otherSeed =
          gradients(model, () -> trainer.backward(model, batch, StepSeeds.of(4, 36, 3)));

      assertArrayEquals(first, again, 0f, "the recomputation is the same computation");
      assertFalse(Arrays.equals(first, otherSeed), "dropout draws from the batch's seed");
    }
  }

  @Test
  void batchSeedsDifferAcrossRunsEpochsAndBatches() {
    long s = StepSeeds.of(42, 1, 0);
    assertNotEquals(s, StepSeeds.of(43, 1, 0));
    assertNotEquals(s, StepSeeds.of(42, 2, 0));
    assertNotEquals(s, StepSeeds.of(42, 1, 1));
    assertNotEquals(StepSeeds.of(42, 1, 1), StepSeeds.of(42, 2, 0));
  }

  /** Runs one backward pass from zeroed gradients and returns every gradient, concatenated. */
  private static float[] gradients(SasRec model, Runnable backward) {
    Map<String, NDArray> params = model.parameters().asMap();
    params.values().forEach(w -> w.getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0f));
    backward.run();
    return params.values().stream()
        .map(w -> w.getGradient().toFloatArray())
        .reduce(new float[0], BatchReplayTest::concat);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
