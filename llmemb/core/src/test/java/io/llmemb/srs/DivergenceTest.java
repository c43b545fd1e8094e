package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.training.DivergedException;
import io.llmemb.training.EpochRecord;
import io.llmemb.training.StopReason;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loss that turns non-finite late keeps the best validated epoch; one that does so at once fails
 * the run.
 */
class DivergenceTest {

  private static final TrainConfig CONFIG = new TrainConfig(1e-3, 32, 10, 10, 4);

  @TempDir Path dir;

  @Test
  void lateDivergenceKeepsTheBestValidatedEpoch() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model = model(data, m);
      int batchesPerEpoch =
          (model.samplesPerEpoch(data.numUsers()) + CONFIG.batchSize() - 1) / CONFIG.batchSize();
      TrainResult r =
          new Trainer(CONFIG, false, nanAfter(model, 2 * batchesPerEpoch)).fit(model, data, dir);
      assertEquals(2, r.curve().size(), "epochs 1 and 2 finish, epoch 3 diverges");
      assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 2, "best epoch " + r.bestEpoch());
      assertTrue(r.stoppedEarly());
      assertEquals(StopReason.DIVERGENCE, r.stoppedBy(), "a blow-up is not a patience stop");
      assertEquals(3, r.stoppedAtEpoch());
      assertTrue(r.stopDetail().contains("non-finite training loss"), r.stopDetail());
      float[] table = model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).toFloatArray();
      for (float v : table) {
        assertTrue(Float.isFinite(v), "the restored weights are the validated ones");
      }
    }
  }

  @Test
  void aNonFiniteGradientUnderAFiniteLossIsADivergenceAndNeverReachesTheWeights() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model = model(data, m);
      int batchesPerEpoch =
          (model.samplesPerEpoch(data.numUsers()) + CONFIG.batchSize() - 1) / CONFIG.batchSize();
      AtomicInteger calls = new AtomicInteger();
      // sqrt(0) is 0 but its derivative is inf: the loss stays finite, the table's gradient turns
      // NaN.
      AuxiliaryLoss nanGradient =
          batch ->
              calls.incrementAndGet() <= 2 * batchesPerEpoch
                  ? null
                  : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).sum().mul(0f).sqrt();
      TrainResult r = new Trainer(CONFIG, false, nanGradient).fit(model, data, dir);
      assertEquals(StopReason.DIVERGENCE, r.stoppedBy());
      assertTrue(r.stopDetail().contains("non-finite gradient"), r.stopDetail());
      for (float v : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).toFloatArray()) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void aNonFiniteGradientThatRecomputingClearsIsATransientFaultNotADivergence() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model = model(data, m);
      AtomicInteger calls = new AtomicInteger();
      // One poisoned backward pass (the 5th), then healthy ones: what the native fault looked like
      // on SCFT.
      AuxiliaryLoss onceNan =
          batch ->
              calls.incrementAndGet() != 5
                  ? null
                  : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).sum().mul(0f).sqrt();
      Trainer trainer = new Trainer(CONFIG, false, onceNan);
      TrainResult r = trainer.fit(model, data, dir);
      assertEquals(StopReason.MAX_EPOCHS, r.stoppedBy(), r.stopDetail());
      assertEquals(CONFIG.maxEpochs(), r.curve().size());
      assertEquals(1, trainer.transientFaults());
      for (float v : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).toFloatArray()) {
        assertTrue(Float.isFinite(v), "the poisoned gradient was never applied");
      }
    }
  }

  @Test
  void patienceCannotStopARunBeforeMinEpochs() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      // An lr this small leaves the model where it started: validation only moves with its fresh
      // negatives.
      TrainConfig config = new TrainConfig(1e-12, 32, 30, 1, 4, 8);
      TrainResult r = new Trainer(config, false).fit(model(data, m), data, dir);
      int firstFlat = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (EpochRecord e : r.curve()) {
        if (e.validNdcg() <= best) {
          firstFlat = e.epoch();
          break;
        }
        best = e.validNdcg();
      }
      assertTrue(
          firstFlat > 0 && firstFlat < 8,
          "patience 1 alone would have stopped at epoch " + firstFlat);
      assertTrue(r.curve().size() >= 8, "ran " + r.curve().size() + " epochs");
      assertEquals(StopReason.PATIENCE, r.stoppedBy());
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
    return new SasRec(
        new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f), data.numItems(), m, IdEmbeddings.factory());
  }

  /**
   * No contribution for the first {@code batches} batches, then NaN (with a gradient path, as a
   * real blow-up).
   */
  private static AuxiliaryLoss nanAfter(SasRec model, int batches) {
    AtomicInteger calls = new AtomicInteger();
    return batch ->
        calls.incrementAndGet() <= batches
            ? null
            : model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).sum().mul(Float.NaN);
  }
}
