package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.CaseScorer;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.PopularityScorer;
import io.llmemb.eval.RandomScorer;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that can fail: a trained SASRec must beat popularity and random by a wide margin on test
 * cases, under both protocols, on data whose next item follows from the previous one.
 */
class SasRecSanityTest {

  @TempDir Path dir;

  @Test
  void trainedSasRecBeatsBaselinesUnderBothProtocols() {
    SequenceSplit data = SyntheticSplits.ring(400, 200, 8, 20, 0.8, 5);
    BackboneConfig config = new BackboneConfig(32, 2, 1, 0.2f, 20, 0.6f);
    try (NDManager manager = NDManager.newBaseManager(new EngineConfig("cpu", 1, 2, 42).apply())) {
      SequentialRecommender model =
          new SasRec(config, data.numItems(), manager, IdEmbeddings.factory());
      new Trainer(new TrainConfig(5e-3, 32, 5, 3, 42), false).fit(model, data, dir);
      for (EvalProtocol protocol :
          new EvalProtocol[] {EvalProtocol.sampled(9), EvalProtocol.full(9)}) {
        double sasrec = ndcg(new RecommenderScorer(model), data, protocol);
        double pop = ndcg(new PopularityScorer(data), data, protocol);
        double random = ndcg(new RandomScorer(data.numItems(), 9), data, protocol);
        String msg =
            protocol.ranking() + ": SASRec " + sasrec + " pop " + pop + " random " + random;
        assertTrue(sasrec > 2 * pop && sasrec > 2 * random && sasrec > 0.3, msg);
      }
    }
  }

  private static double ndcg(CaseScorer scorer, SequenceSplit data, EvalProtocol protocol) {
    EvalResult r = new Evaluator().evaluate(scorer, data, Stage.TEST, protocol);
    return r.overall().ndcg();
  }
}
