package io.llmemb.rat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A RAT model written as a {@code rat} bundle serves the same scores and adapts new items through
 * PCA + adapter.
 */
class RatBundleTest {

  private static final int[][] HISTORIES = {
    {5, 6, 7}, {120, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {}
  };

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sasrec:true", "gru4rec:true", "bert4rec:true", "sasrec:false"})
  void servedScoresAndNewItemsMatchTheTrainedModel(String spec) throws IOException {
    String backbone = spec.split(":")[0];
    boolean freeze = Boolean.parseBoolean(spec.split(":")[1]);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 13).apply())) {
      LlmTable source = RatFixtures.pcaTable();
      SequentialRecommender model =
          Backbones.create(
              backbone,
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(
                  AdapterConfig.paper(source.dim()).withFreezeLlm(freeze), source));
      AdapterEmbeddingsTest.step(model); // trained weights, not the init, go into the bundle
      List<String> ids =
          IntStream.rangeClosed(1, RatFixtures.ITEMS).mapToObj(i -> "m" + i).toList();
      ReleaseInfo release =
          ReleaseInfo.now(
              ReleaseInfo.provenance(
                  "synthetic",
                  "b".repeat(64),
                  Map.of(),
                  source.llmVersion(),
                  source.promptVersion()),
              Map.of());
      WrittenBundle w = ModelBundles.write(tmp.resolve(backbone), model, ids, release);
      assertEquals(AdapterEmbeddings.VARIANT, w.manifest().variant());
      float[] expected = scores(model, m);
      try (ServingModel served = ServingModels.load(w.dir(), w.manifestSha256())) {
        assertEquals("rat", served.variant());
        assertEquals(source.llmVersion(), served.llmVersion().orElseThrow());
        int h = served.hidden();
        float[] items = served.itemVectors();
        for (int u = 0; u < HISTORIES.length; u++) {
          float[] user = served.encodeUser(HISTORIES[u]);
          for (int i = 1; i <= RatFixtures.ITEMS; i++) {
            float dot = 0;
            for (int k = 0; k < h; k++) {
              dot += user[k] * items[(i - 1) * h + k];
            }
            assertEquals(
                expected[u * (RatFixtures.ITEMS + 1) + i], dot, 1e-5, "user " + u + " item " + i);
          }
        }
        if (freeze) {
          // A known item's raw embedding, re-adapted as if new, lands on its trained vector
          // (float32 PCA rounding).
          float[] raw = RatFixtures.rawEmbeddings(RatFixtures.ITEMS, RatFixtures.RAW_DIM, 1);
          int id = RatFixtures.ITEMS;
          float[] adapted =
              served
                  .adaptNewItem(
                      Arrays.copyOfRange(
                          raw, (id - 1) * RatFixtures.RAW_DIM, id * RatFixtures.RAW_DIM))
                  .orElseThrow();
          assertArrayEquals(Arrays.copyOfRange(items, (id - 1) * h, id * h), adapted, 1e-4f);
        }
        assertThrows(
            IllegalArgumentException.class,
            () -> served.adaptNewItem(new float[RatFixtures.PCA_DIM]));
        assertTrue(served.adaptNewItem(new float[RatFixtures.RAW_DIM]).isPresent());
      }
    }
  }

  private static float[] scores(SequentialRecommender model, NDManager m) {
    int len = model.config().maxLen();
    int[] ids = new int[HISTORIES.length * len];
    for (int u = 0; u < HISTORIES.length; u++) {
      model.predictionRow(HISTORIES[u], ids, u * len);
    }
    return model.scoreAll(m.create(ids, new Shape(HISTORIES.length, len))).toFloatArray();
  }
}
