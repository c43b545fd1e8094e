package io.llmemb.variant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.rat.RatFixtures;
import io.llmemb.rat.TextViewSettings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.ModelManifest;
import io.llmemb.training.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one variant pipeline: every variant trains from data alone (its upstream plain models trained
 * first where its inputs lack them) and {@link Variant#load} rebuilds exactly the model training
 * returned.
 */
class VariantPipelineTest {

  private static final TrainConfig TRAIN = new TrainConfig(0.01, 32, 2, 2, 7);
  private static final List<int[]> HISTORIES =
      List.of(new int[] {1, 2, 3}, new int[] {40, 41}, new int[] {7});

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(new PlainVariant(), "sasrec", List.of()),
        Arguments.of(
            new RatVariant(TextViewSettings.paper()),
            "gru4rec",
            List.of(VariantPipeline.SASREC_DIR)),
        Arguments.of(
            new FusedVariant(TextViewSettings.paper(), FuseConfig.warmStart()),
            "sasrec",
            List.of(VariantPipeline.SASREC_DIR)),
        Arguments.of(
            new FusedVariant(TextViewSettings.paper(), FuseConfig.warmStart()),
            "gru4rec",
            List.of(VariantPipeline.SASREC_DIR, VariantPipeline.PLAIN_DIR)));
  }

  @ParameterizedTest
  @MethodSource("variants")
  void trainsFromDataAloneAndReloadsTheSameModel(
      Variant variant, String backbone, List<String> upstream, @TempDir Path work)
      throws Exception {
    VariantInputs inputs =
        VariantInputs.plain(
            RatFixtures.SPLIT, ColdItems.none(), backbone, RatFixtures.TINY, TRAIN, false);
    if (variant.needsText()) {
      inputs = inputs.withText(RatFixtures.pcaTable());
    }
    VariantPipeline.Result run =
        VariantPipeline.train(variant, inputs, EngineConfig.of("cpu", 1).withSeed(7), work);
    try (NDManager manager = run.manager();
        NDManager reload = NDManager.newBaseManager()) {
      for (String dir : List.of(VariantPipeline.SASREC_DIR, VariantPipeline.PLAIN_DIR)) {
        assertEquals(
            upstream.contains(dir),
            Files.exists(work.resolve(dir).resolve(ModelManifest.FILE)),
            dir);
      }
      if (!upstream.isEmpty()) {
        assertEquals(
            "sasrec",
            ModelManifest.read(work.resolve(VariantPipeline.SASREC_DIR)).backbone(),
            "the alignment target is SASRec's whatever the backbone");
      }
      SequentialRecommender trained = run.trained().model();
      assertEquals(backbone, trained.name());
      assertTrue(run.trained().result().bestEpoch() >= 1);
      SequentialRecommender loaded =
          variant.load(run.inputs(), reload, work.resolve(variant.kind()));
      float[][] expected = new RecommenderScorer(trained).score(HISTORIES);
      float[][] actual = new RecommenderScorer(loaded).score(HISTORIES);
      for (int u = 0; u < HISTORIES.size(); u++) {
        assertArrayEquals(expected[u], actual[u], 1e-5f, "user " + u);
      }
      assertFalse(variant.describe(run.inputs()).isEmpty());
    }
  }

  @org.junit.jupiter.api.Test
  void aTextVariantWithoutTheLlmTableSaysSo(@TempDir Path work) {
    VariantInputs inputs =
        VariantInputs.plain(
            RatFixtures.SPLIT, ColdItems.none(), "sasrec", RatFixtures.TINY, TRAIN, false);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                VariantPipeline.train(
                    new RatVariant(TextViewSettings.paper()),
                    inputs,
                    EngineConfig.of("cpu", 1),
                    work));
    assertTrue(e.getMessage().contains("LLM item table"), e.getMessage());
  }
}
