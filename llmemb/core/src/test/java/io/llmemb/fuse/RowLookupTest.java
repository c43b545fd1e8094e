package io.llmemb.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.Layers;
import io.llmemb.srs.SequentialRecommender;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inference looks up only the rows a history needs ({@link ItemEmbeddingProvider#lookup}); these
 * tests hold that path to the whole-table one it replaces, on the same weights: the looked-up rows
 * and the encoded user vectors must agree for every item representation serving loads and every
 * backbone.
 */
class RowLookupTest {

  private static final int USERS = 6;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasrec:id",
        "gru4rec:id",
        "bert4rec:id",
        "sasrec:rat",
        "gru4rec:rat",
        "bert4rec:rat",
        "sasrec:GATE",
        "gru4rec:GATE",
        "bert4rec:GATE",
        "sasrec:CONCAT",
        "sasrec:NULL_SPACE",
        "sasrec:TEXT"
      })
  void rowsAndUserVectorsEqualTheWholeTablePath(String spec) {
    String backbone = spec.split(":")[0];
    String items = spec.split(":")[1];
    // The ID table's rows are copied, not computed: they must match bit for bit.
    float tolerance = "id".equals(items) ? 0f : 1e-5f;
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender rows =
          Backbones.create(
              backbone, FuseFixtures.TINY, FuseFixtures.ITEMS, m, factory(items, Optional.empty()));
      FuseFixtures.epoch(
          rows); // trained weights, so the gate and warm rows are not at their initial values
      // The null-space projection is frozen state, not a parameter: the copy gets the same one.
      Optional<float[][]> nullSpace =
          rows.items() instanceof FusedItemEmbeddings f
              ? f.nullSpaceProjection()
              : Optional.empty();
      ItemEmbeddingProvider.Factory same = factory(items, nullSpace);
      SequentialRecommender whole =
          Backbones.create(
              backbone,
              FuseFixtures.TINY,
              FuseFixtures.ITEMS,
              m,
              (params, n, extra, h) ->
                  new ItemEmbeddingProvider.WholeTable(same.create(params, n, extra, h)));
      copyParameters(rows, whole);

      NDArray ids = histories(rows, m);
      float[] expectedRows = Layers.lookup(whole.items().table(false), ids).toFloatArray();
      float[] actualRows = rows.items().lookup(ids, false).toFloatArray();
      assertArrayEquals(expectedRows, actualRows, tolerance, "looked-up rows");

      float[] expected = whole.encode(ids, false).toFloatArray();
      float[] actual = rows.encode(ids, false).toFloatArray();
      assertEquals(USERS * FuseFixtures.TINY.hidden(), actual.length);
      assertArrayEquals(expected, actual, tolerance, "user vectors");
    }
  }

  private static ItemEmbeddingProvider.Factory factory(
      String items, Optional<float[][]> nullSpace) {
    return switch (items) {
      case "id" -> IdEmbeddings.factory();
      case "rat" -> FuseFixtures.textView(FuseFixtures.table());
      default ->
          (params, n, extra, h) ->
              new FusedItemEmbeddings(
                  params,
                  n,
                  extra,
                  h,
                  FuseConfig.of(FuseConfig.Mode.valueOf(items)),
                  FuseFixtures.textView(FuseFixtures.table()),
                  FuseFixtures.COUNTS,
                  Optional.empty(),
                  nullSpace);
    };
  }

  /** Prediction rows of random histories, including a short one (mostly padding) and cold items. */
  private static NDArray histories(SequentialRecommender model, NDManager m) {
    int len = FuseFixtures.TINY.maxLen();
    Random rng = new Random(7);
    int[] rows = new int[USERS * len];
    for (int u = 0; u < USERS; u++) {
      int[] history = new int[u == 0 ? 1 : 3 + rng.nextInt(2 * len)];
      for (int i = 0; i < history.length; i++) {
        history[i] = 1 + rng.nextInt(FuseFixtures.ITEMS);
      }
      if (u == 1) {
        history[history.length - 1] = FuseFixtures.COLD.items()[0];
      }
      model.predictionRow(history, rows, u * len);
    }
    return m.create(rows, new Shape(USERS, len));
  }

  private static void copyParameters(SequentialRecommender from, SequentialRecommender to) {
    Map<String, NDArray> target = to.parameters().asMap();
    from.parameters().asMap().forEach((name, value) -> target.get(name).set(value.toFloatArray()));
  }
}
