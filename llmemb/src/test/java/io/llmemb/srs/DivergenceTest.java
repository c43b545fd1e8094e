package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss that turns non-finite late keeps the best validated epoch; one that does so at once fails the run. */
class DivergenceTest {

  private static final TrainConfig CONFIG = new TrainConfig(1e-3, 32, 10, 10, 4);

  @TempDir
  Path dir;

  @Test
  void lateDivergenceKeepsTheBestValidatedEpoch() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model = model(data, m);
      int batchesPerEpoch = (model.samplesPerEpoch(data.numUsers()) + CONFIG.batchSize() - 1) / CONFIG.batchSize();
      TrainResult r = new Trainer(CONFIG, false, nanAfter(model, 2 * batchesPerEpoch)).fit(model, data, dir);
      assertEquals(2, r.curve().size(), "epochs 1 and 2 finish, epoch 3 diverges");
      assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 2, "best epoch " + r.bestEpoch());
      assertTrue(r.stoppedEarly());
      float[] table = model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).toFloatArray();
      for (float v : table) {
        assertTrue(Float.isFinite(v), "the restored weights are the validated ones");
      }
    }
  }

  @Test
  void divergenceBeforeAnyValidatedEpochFails() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model = model(data, m);
      Trainer trainer = new Trainer(CONFIG, false, nanAfter(model, 0));
      assertThrows(DivergedException.class, () -> trainer.fit(model, data, dir));
    }
  }

  private static SasRec model(SequenceSplit data, NDManager m) {
    return new SasRec(new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f), data.numItems(), m, IdEmbeddings.factory());
  }

  /** No contribution for the first {@code batches} batches, then NaN (with a gradient path, as a real blow-up). */
  private static AuxiliaryLoss nanAfter(SasRec model, int batches) {
    AtomicInteger calls = new AtomicInteger();
    return batch -> calls.incrementAndGet() <= batches ? null
        : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).sum().mul(Float.NaN);
  }
}
