package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RandomScorer;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ID-only model trained under the cold-item protocol has nothing to score a cold item with: on the cases whose
 * target is cold it does no better than random, while on the other cases it learns the ring transition.
 */
class ColdItemProtocolTest {

  @TempDir
  Path dir;

  @Test
  void idOnlyModelScoresAboutRandomOnColdTargets() {
    SequenceSplit prepared = SyntheticSplits.ring(600, 200, 8, 20, 0.8, 5);
    ColdItems cold = ColdItems.select(prepared.numItems(), 0.2, 3);
    SequenceSplit split = cold.apply(prepared);
    BackboneConfig config = new BackboneConfig(32, 2, 1, 0.2f, 20, 0.6f);
    try (NDManager manager = NDManager.newBaseManager(new EngineConfig("cpu", 1, 2, 42).apply())) {
      SequentialRecommender model = new SasRec(config, split.numItems(), manager, IdEmbeddings.factory());
      new Trainer(new TrainConfig(5e-3, 32, 6, 3, 42), false).fit(model, split, dir);
      EvalProtocol protocol = EvalProtocol.sampled(9);
      EvalResult sasrec = new Evaluator().evaluate(new RecommenderScorer(model), split, Stage.TEST, protocol, cold);
      EvalResult random = new Evaluator().evaluate(new RandomScorer(split.numItems(), 9), split, Stage.TEST,
          protocol, cold);
      assertEquals(random.coldItems().cases(), sasrec.coldItems().cases());
      assertTrue(sasrec.coldItems().cases() >= 60, "cold cases " + sasrec.coldItems().cases());
      int warmCases = sasrec.overall().cases() - sasrec.coldItems().cases();
      double warmHr = (sasrec.overall().hr() * sasrec.overall().cases()
          - sasrec.coldItems().hr() * sasrec.coldItems().cases()) / warmCases;
      String msg = "cold HR@10 " + sasrec.coldItems().hr() + " (random " + random.coldItems().hr()
          + "), warm HR@10 " + warmHr;
      // Random's expectation is 10/101; an untrained row may sit below it (it is only ever a negative), never
      // far above.
      assertTrue(sasrec.coldItems().hr() < 10.0 / 101 + 0.08, msg);
      assertTrue(warmHr > 0.5 && warmHr > 3 * sasrec.coldItems().hr(), msg);
    }
  }
}
