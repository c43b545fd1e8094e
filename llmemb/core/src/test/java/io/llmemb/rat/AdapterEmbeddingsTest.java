package io.llmemb.rat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter provider: frozen LLM matrix, aligned rows, trainable adapter, every backbone. */
class AdapterEmbeddingsTest {

  private static NDManager manager() {
    return NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 9).apply());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void aTrainingStepMovesTheAdapterButNeverTheFrozenLlmMatrix(String backbone) {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.pcaTable();
      SequentialRecommender model =
          Backbones.create(
              backbone,
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(AdapterConfig.paper(source.dim()), source));
      AdapterEmbeddings items = (AdapterEmbeddings) model.items();
      assertFalse(model.parameters().asMap().containsKey(AdapterEmbeddings.LLM_PARAM));
      assertFalse(
          model.parameters().asMap().containsValue(items.llmMatrix()),
          "frozen matrix is no parameter");
      float[] llmBefore = items.llmMatrix().toFloatArray();
      float[] adapterBefore = model.parameters().asMap().get("adapter.w0").toFloatArray();
      float loss = step(model);
      assertTrue(Float.isFinite(loss), backbone + " loss " + loss);
      assertArrayEquals(
          llmBefore, items.llmMatrix().toFloatArray(), 0f, "the frozen LLM matrix changed");
      assertFalse(
          java.util.Arrays.equals(
              adapterBefore, model.parameters().asMap().get("adapter.w0").toFloatArray()),
          "adapter weights did not train");
    }
  }

  @Test
  void anUnfrozenLlmMatrixIsAParameterInitialisedFromTheLlmRowsAndTrains() {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.pcaTable();
      SequentialRecommender model =
          Backbones.create(
              "sasrec",
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(
                  AdapterConfig.paper(source.dim()).withFreezeLlm(false), source));
      NDArray llm = model.parameters().asMap().get(AdapterEmbeddings.LLM_PARAM);
      float[] before = llm.toFloatArray();
      assertArrayEquals(
          source.rows(), java.util.Arrays.copyOfRange(before, source.dim(), before.length), 0f);
      step(model);
      assertFalse(
          java.util.Arrays.equals(before, llm.toFloatArray()), "trainable LLM table did not move");
    }
  }

  @Test
  void rowsAreAlignedWithIdsAndTheLastItemHasItsRealVector() {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.rawTable(12);
      AdapterEmbeddings items =
          (AdapterEmbeddings)
              Backbones.create(
                      "sasrec",
                      RatFixtures.TINY,
                      RatFixtures.ITEMS,
                      m,
                      AdapterEmbeddings.factory(AdapterConfig.paper(12), source))
                  .items();
      float[] table = items.table(false).toFloatArray();
      int h = RatFixtures.TINY.hidden();
      float[] pad = java.util.Arrays.copyOfRange(table, 0, h);
      assertArrayEquals(new float[h], pad, 0f, "padding row must be zero");
      for (int id : new int[] {1, 57, RatFixtures.ITEMS}) {
        float[] row = java.util.Arrays.copyOfRange(table, id * h, (id + 1) * h);
        float[] raw = java.util.Arrays.copyOfRange(source.rows(), (id - 1) * 12, id * 12);
        assertArrayEquals(items.adaptNewItem(raw), row, 1e-5f, "row of item " + id);
        assertTrue(norm(row) > 1e-3, "item " + id + " has a zero vector");
      }
      // The official off-by-one gave the last item the adapter bias alone: adapter(0).
      float[] biasOnly = items.adaptNewItem(new float[12]);
      float[] last =
          java.util.Arrays.copyOfRange(table, RatFixtures.ITEMS * h, (RatFixtures.ITEMS + 1) * h);
      assertFalse(java.util.Arrays.equals(biasOnly, last));
    }
  }

  @Test
  void bert4RecGetsALearnedMaskRowAfterTheItems() {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.pcaTable();
      SequentialRecommender model =
          Backbones.create(
              "bert4rec",
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(AdapterConfig.paper(source.dim()), source));
      NDArray table = model.items().table(false);
      assertEquals(RatFixtures.ITEMS + 2, table.getShape().get(0));
      NDArray mask = model.parameters().asMap().get(AdapterEmbeddings.EXTRA_PARAM);
      assertArrayEquals(
          mask.toFloatArray(),
          table.get(new NDIndex("{}:", RatFixtures.ITEMS + 1)).toFloatArray(),
          0f);
      float std = (float) Math.sqrt(mask.pow(2).mean().getFloat());
      assertTrue(std < 0.05f, "mask row should start N(0, 0.01), std " + std);
    }
  }

  @Test
  void configurableAdapterShapesBuildTheLayersAsked() {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.pcaTable();
      AdapterConfig deep =
          new AdapterConfig(
              source.dim(), List.of(32, 24), AdapterConfig.Activation.GELU, 0.1f, true);
      SequentialRecommender model =
          Backbones.create(
              "gru4rec",
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(deep, source));
      Map<String, NDArray> p = model.parameters().asMap();
      assertEquals(
          new ai.djl.ndarray.types.Shape(source.dim(), 32), p.get("adapter.w0").getShape());
      assertEquals(new ai.djl.ndarray.types.Shape(32, 24), p.get("adapter.w1").getShape());
      assertEquals(new ai.djl.ndarray.types.Shape(24, 8), p.get("adapter.w2").getShape());
      assertTrue(Float.isFinite(step(model)));
      assertThrows(IllegalArgumentException.class, () -> AdapterConfig.Activation.parse("tanh"));
      assertEquals(List.of(8), AdapterConfig.parseWidths("paper", 16));
      assertEquals(List.of(), AdapterConfig.parseWidths("none", 16));
      assertEquals(List.of(64, 32), AdapterConfig.parseWidths("64, 32", 16));
    }
  }

  @Test
  void aTableOfAnotherSizeOrWidthIsRefused() {
    try (NDManager m = manager()) {
      LlmTable source = RatFixtures.pcaTable();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Backbones.create(
                      "sasrec",
                      RatFixtures.TINY,
                      RatFixtures.ITEMS + 1,
                      m,
                      AdapterEmbeddings.factory(AdapterConfig.paper(16), source)));
      assertTrue(e.getMessage().contains("LLM table has 120 items"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () ->
              Backbones.create(
                  "sasrec",
                  RatFixtures.TINY,
                  RatFixtures.ITEMS,
                  m,
                  AdapterEmbeddings.factory(AdapterConfig.paper(17), source)));
      AdapterEmbeddings items =
          (AdapterEmbeddings)
              Backbones.create(
                      "sasrec",
                      RatFixtures.TINY,
                      RatFixtures.ITEMS,
                      m,
                      AdapterEmbeddings.factory(AdapterConfig.paper(16), source))
                  .items();
      assertThrows(
          IllegalArgumentException.class,
          () -> items.adaptNewItem(new float[16]),
          "a PCA-reduced row is not a raw embedding");
    }
  }

  /** One Adam step on one batch; returns the loss. */
  static float step(SequentialRecommender model) {
    TrainingData data = new TrainingData(RatFixtures.SPLIT);
    TrainBatch batch = model.sampleBatch(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, data, new Random(1));
    AdamOptimizer adam = new AdamOptimizer(model.parameters().asMap(), 1e-2);
    float loss;
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDArray l = model.loss(batch);
      c.backward(l);
      loss = l.getFloat();
    }
    adam.step();
    return loss;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
