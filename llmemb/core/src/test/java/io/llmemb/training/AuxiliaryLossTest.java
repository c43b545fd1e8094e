package io.llmemb.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.SyntheticSplits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auxiliary term (RAT alignment hook) is added to every batch's loss. */
class AuxiliaryLossTest {

  private static final float CONSTANT = 10f;

  @TempDir Path dir;

  @Test
  void auxiliaryTermIsAddedToTheLoss() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    double plain = firstEpochLoss(data, false);
    double withTerm = firstEpochLoss(data, true);
    assertEquals(plain + CONSTANT, withTerm, 1e-4);
  }

  private double firstEpochLoss(SequenceSplit data, boolean auxiliary) {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model =
          new SasRec(
              new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f),
              data.numItems(),
              m,
              IdEmbeddings.factory());
      // A constant with zero gradient: the trajectory is unchanged, only the reported loss moves.
      AuxiliaryLoss term =
          auxiliary
              ? batch ->
                  model
                      .parameters()
                      .asMap()
                      .get(IdEmbeddings.PARAM_NAME)
                      .sum()
                      .mul(0f)
                      .add(CONSTANT)
              : AuxiliaryLoss.NONE;
      return new Trainer(new TrainConfig(1e-3, 32, 1, 1, 4), false, term)
          .fit(model, data, dir)
          .curve()
          .get(0)
          .loss();
    }
  }
}
