package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import io.llmemb.training.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epoch a run keeps is the best under the configured validation's candidates. */
class TrainerValidationTest {

  @TempDir Path dir;

  @Test
  void fullRankingValidationKeepsTheEpochWithTheBestFullRankingNdcg() {
    SequenceSplit data = SyntheticSplits.ring(100, 150, 5, 10, 0.8, 2);
    TrainConfig config = new TrainConfig(5e-3, 32, 6, 6, 4).withValidation(Validation.FULL);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 4).apply())) {
      SasRec model =
          new SasRec(
              new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f),
              data.numItems(),
              m,
              IdEmbeddings.factory());
      TrainResult r = new Trainer(config, false).fit(model, data, dir);
      double best = r.curve().stream().mapToDouble(e -> e.validNdcg()).max().orElseThrow();
      assertEquals(best, r.bestValidNdcg(), 1e-12);
      // Re-scored with full ranking under any seed: the weights kept are the ones that scored it.
      double rescored =
          new Evaluator()
              .evaluate(new RecommenderScorer(model), data, Stage.VALID, EvalProtocol.full(999))
              .overall()
              .ndcg();
      assertEquals(best, rescored, 1e-6);
    }
  }
}
