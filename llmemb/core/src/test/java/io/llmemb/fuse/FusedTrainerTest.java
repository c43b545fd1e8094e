package io.llmemb.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.SyntheticSplits;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.training.ModelManifest;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fused training end to end on ring data with 20 % cold items: pre-trained SASRec (same cold
 * selection) → fused model per backbone. On the ring, an item's "text" is close to its neighbours',
 * so the text view can place a cold item that the ID view never saw.
 */
class FusedTrainerTest {

  @TempDir static Path dir;

  static final BackboneConfig CONFIG = new BackboneConfig(16, 1, 1, 0.1f, 12, 0.6f);
  static final SequenceSplit PREPARED =
      SyntheticSplits.ring(300, FuseFixtures.ITEMS, 6, 14, 0.85, 8);
  static final ColdItems COLD = FuseFixtures.COLD;
  static final int EPOCHS = 12;
  static Path sasrecDir;
  static EvalResult plainResult;

  @BeforeAll
  static void pretrainPlainSasRecUnderTheColdProtocol() throws IOException {
    sasrecDir = dir.resolve("sasrec");
    SequenceSplit split = COLD.apply(PREPARED);
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender plain =
          Backbones.create("sasrec", CONFIG, FuseFixtures.ITEMS, m, IdEmbeddings.factory());
      new ModelManifest(
              ModelManifest.CURRENT_VERSION,
              "sasrec",
              CONFIG,
              FuseFixtures.ITEMS,
              split.name(),
              IdEmbeddings.XAVIER,
              31)
          .write(sasrecDir);
      COLD.writeTo(sasrecDir);
      new Trainer(new TrainConfig(5e-3, 32, EPOCHS, EPOCHS, 31), false, AuxiliaryLoss.NONE, COLD)
          .fit(plain, split, sasrecDir);
      plainResult = evaluate(plain, split);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void trainsEveryBackboneAndLeavesZeroCountIdRowsAtTheirInit(String backbone) throws IOException {
    try (NDManager m = FuseFixtures.manager()) {
      Path out = dir.resolve("fused-" + backbone);
      FusedTrainer.Run run =
          new FusedTrainer(rat(backbone, 3), FuseConfig.defaults(), false)
              .train(PREPARED, COLD, table(), sasrecDir, m, out);
      assertTrue(run.result().curve().stream().allMatch(e -> Double.isFinite(e.loss())));
      assertEquals(run.counts(), ItemCounts.read(out.resolve(ItemCounts.FILE)));
      assertEquals(COLD, ColdItems.readFrom(out));
      float[] srs = RatTrainer.srsItemTable(sasrecDir, m);
      float[] id =
          run.model().parameters().asMap().get(FusedItemEmbeddings.ID_PARAM).toFloatArray();
      int h = CONFIG.hidden();
      for (int item : COLD.items()) {
        assertArrayEquals(
            Arrays.copyOfRange(srs, item * h, (item + 1) * h),
            Arrays.copyOfRange(id, item * h, (item + 1) * h),
            0f,
            "cold item " + item);
      }
    }
  }

  @Test
  void theTextViewScoresColdTargetsWhereTheIdModelCannot() throws IOException {
    try (NDManager m = FuseFixtures.manager()) {
      FusedTrainer.Run run =
          new FusedTrainer(rat("sasrec", EPOCHS), FuseConfig.defaults(), false)
              .train(PREPARED, COLD, table(), sasrecDir, m, dir.resolve("fused-cold"));
      EvalResult fused = evaluate(run.model(), COLD.apply(PREPARED));
      String msg =
          "cold HR@10 fused "
              + fused.coldItems().hr()
              + " vs ID "
              + plainResult.coldItems().hr()
              + "; overall "
              + fused.overall().hr()
              + " vs "
              + plainResult.overall().hr();
      assertTrue(fused.coldItems().cases() >= 30, msg);
      assertTrue(fused.coldItems().hr() > plainResult.coldItems().hr() + 0.15, msg);
    }
  }

  @Test
  void aPretrainedSasRecOfAnotherColdSelectionIsRefused() throws IOException {
    try (NDManager m = FuseFixtures.manager()) {
      ColdItems other = ColdItems.select(FuseFixtures.ITEMS, 0.2, 6);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new FusedTrainer(rat("sasrec", 1), FuseConfig.defaults(), false)
                      .train(PREPARED, other, table(), sasrecDir, m, dir.resolve("x")));
      assertTrue(e.getMessage().contains("pre-trained SASRec"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new FusedTrainer(rat("sasrec", 1), FuseConfig.defaults(), false)
                  .train(PREPARED, ColdItems.none(), table(), sasrecDir, m, dir.resolve("y")));
    }
  }

  @Test
  void aWarmStartCopiesThePlainModelStartsNoWorseAndKeepsItWhenNoEpochBeatsItOnValidation()
      throws IOException {
    try (NDManager m = FuseFixtures.manager()) {
      // A learning rate no model survives: every epoch is worse than the start, so the start is
      // what is kept.
      LlmTable t = table();
      RatConfig wrecking =
          new RatConfig(
              "sasrec",
              CONFIG,
              null,
              new TrainConfig(50, 32, 2, 2, 32),
              new AdapterConfig(t.dim(), List.of(32), AdapterConfig.Activation.GELU, 0f, true),
              0.01f,
              2f,
              0);
      FusedTrainer.Run run =
          new FusedTrainer(wrecking, FuseConfig.warmStart(), false)
              .train(
                  PREPARED,
                  COLD,
                  t,
                  sasrecDir,
                  Optional.of(sasrecDir),
                  m,
                  dir.resolve("fused-warm"));
      assertEquals(0, run.result().bestEpoch(), "best epoch");
      SequentialRecommender plain = ModelManifest.loadModel(sasrecDir, m);
      Map<String, ai.djl.ndarray.NDArray> fused = run.model().parameters().asMap();
      int copied = 0;
      for (Map.Entry<String, ai.djl.ndarray.NDArray> e : plain.parameters().asMap().entrySet()) {
        // Every plain parameter is copied; the adapter (not in the plain model) is fitted, not
        // copied.
        String name =
            e.getKey().equals(IdEmbeddings.PARAM_NAME) ? FusedItemEmbeddings.ID_PARAM : e.getKey();
        assertArrayEquals(e.getValue().toFloatArray(), fused.get(name).toFloatArray(), 0f, name);
        copied++;
      }
      assertTrue(copied > 5, "copied " + copied);
      // Where it starts: the ID model's accuracy at least, with cold items placed by their fitted
      // text vectors.
      SequenceSplit split = COLD.apply(PREPARED);
      EvalResult before =
          new Evaluator()
              .evaluate(new RecommenderScorer(plain), split, Stage.VALID, EvalProtocol.sampled(5));
      EvalResult start =
          new Evaluator()
              .evaluate(
                  new RecommenderScorer(run.model()), split, Stage.VALID, EvalProtocol.sampled(5));
      assertTrue(
          start.overall().ndcg() >= before.overall().ndcg() - 0.02,
          "valid NDCG@10 at the start "
              + start.overall().ndcg()
              + " vs the ID model "
              + before.overall().ndcg());
    }
  }

  @Test
  void aWarmStartFromAnotherBackboneIsRefused() throws IOException {
    try (NDManager m = FuseFixtures.manager()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new FusedTrainer(rat("gru4rec", 1), FuseConfig.defaults(), false)
                      .train(
                          PREPARED,
                          COLD,
                          table(),
                          sasrecDir,
                          Optional.of(sasrecDir),
                          m,
                          dir.resolve("z")));
      assertTrue(e.getMessage().contains("warm-start model"), e.getMessage());
    }
  }

  private static RatConfig rat(String backbone, int epochs) {
    LlmTable t = table();
    return new RatConfig(
        backbone,
        CONFIG,
        null,
        new TrainConfig(5e-3, 32, epochs, epochs, 32),
        new AdapterConfig(t.dim(), List.of(32), AdapterConfig.Activation.GELU, 0f, true),
        0.01f,
        2f,
        0);
  }

  private static LlmTable table() {
    return FuseFixtures.table();
  }

  private static EvalResult evaluate(SequentialRecommender model, SequenceSplit split) {
    return new Evaluator()
        .evaluate(new RecommenderScorer(model), split, Stage.TEST, EvalProtocol.sampled(4), COLD);
  }
}
