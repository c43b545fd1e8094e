package io.llmemb.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.SequentialRecommender;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guarantees of the fused representation (docs/llmemb-method.md §10), on synthetic data with 20
 * % cold items.
 */
class FusedItemEmbeddingsTest {

  private static final int[][] HISTORIES = {{5, 6, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {120}};

  @ParameterizedTest
  @EnumSource(value = FuseConfig.Mode.class, mode = EnumSource.Mode.EXCLUDE, names = "TEXT")
  void theIdRowOfAZeroCountItemCannotChangeTheOutputNorTrain(FuseConfig.Mode mode) {
    int cold = FuseFixtures.COLD.items()[0];
    int warm = firstWarm();
    assertEquals(0, FuseFixtures.COUNTS.count(cold));
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model = FuseFixtures.fused("sasrec", FuseConfig.of(mode), m);
      NDArray id = model.parameters().asMap().get(FusedItemEmbeddings.ID_PARAM);
      int w = (int) id.getShape().get(1);
      float[] idBefore = id.toFloatArray();
      FuseFixtures.epoch(model);
      float[] idAfter = id.toFloatArray();
      for (int item : FuseFixtures.COLD.items()) {
        assertArrayEquals(
            row(idBefore, item, w),
            row(idAfter, item, w),
            0f,
            "cold item " + item + " ID row trained");
      }
      assertFalse(
          Arrays.equals(row(idBefore, warm, w), row(idAfter, warm, w)), "warm ID rows must train");

      float[] table = model.items().table(false).toFloatArray();
      float[] scores = scores(model, m);
      float[] noisy = idAfter.clone();
      Random rng = new Random(3);
      for (int k = 0; k < w; k++) {
        noisy[cold * w + k] = (float) (10 * rng.nextGaussian());
      }
      id.set(noisy);
      assertArrayEquals(
          table, model.items().table(false).toFloatArray(), 0f, mode + ": cold ID row leaked");
      assertArrayEquals(scores, scores(model, m), 0f);
      noisy[warm * w] += 5f; // non-vacuous: a warm item's ID row does reach the output
      id.set(noisy);
      assertFalse(Arrays.equals(table, model.items().table(false).toFloatArray()));
    }
  }

  @Test
  void withTheTextViewZeroedAndTheGateOpenTheFusedModelIsTheIdModel() {
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender fused =
          Backbones.create(
              "sasrec",
              FuseFixtures.TINY,
              FuseFixtures.ITEMS,
              m,
              FusedItemEmbeddings.factory(
                  FuseConfig.defaults(), zeroTextView(), FuseFixtures.COUNTS, Optional.empty()));
      FuseFixtures.epoch(fused);
      Map<String, NDArray> fp = fused.parameters().asMap();
      fp.get(FusedItemEmbeddings.GATE_BIAS_PARAM)
          .set(filled(FuseFixtures.TINY.hidden(), 50f)); // σ = 1 in float32
      SequentialRecommender plain =
          Backbones.create(
              "sasrec", FuseFixtures.TINY, FuseFixtures.ITEMS, m, IdEmbeddings.factory());
      for (Map.Entry<String, NDArray> p : plain.parameters().asMap().entrySet()) {
        String source =
            p.getKey().equals(IdEmbeddings.PARAM_NAME) ? FusedItemEmbeddings.ID_PARAM : p.getKey();
        p.getValue().set(fp.get(source).toFloatArray());
      }
      // The ID model's rows of zero-count items are untrained noise; the fused model ignores them.
      // Clear them in
      // the ID model too, then every score must agree.
      NDArray itemEmb = plain.parameters().asMap().get(IdEmbeddings.PARAM_NAME);
      float[] t = itemEmb.toFloatArray();
      int h = FuseFixtures.TINY.hidden();
      for (int item = 1; item <= FuseFixtures.ITEMS; item++) {
        if (FuseFixtures.COUNTS.count(item) == 0) {
          Arrays.fill(t, item * h, (item + 1) * h, 0f);
        }
      }
      itemEmb.set(t);
      assertArrayEquals(scores(plain, m), scores(fused, m), 1e-5f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void everyBackboneTrainsTheFusedTableAndTheLlmMatrixStaysFrozen(String backbone) {
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model = FuseFixtures.fused(backbone, FuseConfig.defaults(), m);
      FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
      AdapterEmbeddings text = (AdapterEmbeddings) items.textView();
      float[] llm = text.llmMatrix().toFloatArray();
      Map<String, NDArray> p = model.parameters().asMap();
      float[] gate = p.get(FusedItemEmbeddings.GATE_SLOPE_PARAM).toFloatArray();
      float[] adapter = p.get("adapter.w0").toFloatArray();
      double loss = FuseFixtures.epoch(model);
      assertTrue(Double.isFinite(loss), backbone + " loss " + loss);
      assertArrayEquals(
          llm, text.llmMatrix().toFloatArray(), 0f, "gradient reached the frozen LLM matrix");
      assertFalse(
          Arrays.equals(gate, p.get(FusedItemEmbeddings.GATE_SLOPE_PARAM).toFloatArray()),
          "gate frozen");
      assertFalse(Arrays.equals(adapter, p.get("adapter.w0").toFloatArray()), "adapter frozen");
      assertEquals(model.items().rows(), items.table(false).getShape().get(0));
      float[] pad = Arrays.copyOf(items.table(false).toFloatArray(), FuseFixtures.TINY.hidden());
      assertArrayEquals(new float[FuseFixtures.TINY.hidden()], pad, 0f, "padding row must be zero");
    }
  }

  @Test
  void aZeroCountItemIsItsTextViewAndTheGateRisesWithTheCount() {
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model = FuseFixtures.fused("sasrec", FuseConfig.defaults(), m);
      FuseFixtures.epoch(model);
      FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
      int h = FuseFixtures.TINY.hidden();
      float[] fusedTable = items.table(false).toFloatArray();
      float[] textTable = items.textView().table(false).toFloatArray();
      for (int item = 1; item <= FuseFixtures.ITEMS; item++) {
        if (FuseFixtures.COUNTS.count(item) == 0) {
          assertArrayEquals(
              row(textTable, item, h), row(fusedTable, item, h), 0f, "zero-count item " + item);
        }
      }
      float[] gate = items.idWeight().toFloatArray();
      int[] c = FuseFixtures.COUNTS.counts();
      int low = firstWarm();
      int high = low;
      for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
        low = c[i] > 0 && c[i] < c[low] ? i : low;
        high = c[i] > c[high] ? i : high;
      }
      assertTrue(c[high] > c[low]);
      // Slopes start positive (default 1) and one epoch at lr 1e-2 cannot flip them: more
      // interactions, more ID.
      assertTrue(
          mean(row(gate, high, h)) > mean(row(gate, low, h)), "gate does not rise with the count");
      assertEquals(0.0, mean(row(gate, FuseFixtures.COLD.items()[0], h)), 0.0);
    }
  }

  @Test
  void theTextAblationIsTheTextViewAloneWithoutAnIdTable() {
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model =
          FuseFixtures.fused("sasrec", FuseConfig.of(FuseConfig.Mode.TEXT), m);
      FuseFixtures.epoch(model);
      FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
      assertFalse(model.parameters().asMap().containsKey(FusedItemEmbeddings.ID_PARAM));
      assertArrayEquals(
          items.textView().table(false).toFloatArray(), items.table(false).toFloatArray(), 0f);
    }
  }

  @Test
  void idDropoutScoresSomeWarmItemsByTheirTextViewAloneInTrainingOnly() {
    try (NDManager m = FuseFixtures.manager()) {
      FuseConfig config = new FuseConfig(FuseConfig.Mode.GATE, 1f, 3f, 0, 0.5f);
      SequentialRecommender model = FuseFixtures.fused("sasrec", config, m);
      FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
      int h = FuseFixtures.TINY.hidden();
      float[] text = items.textView().table(false).toFloatArray();
      int warmItems = 0;
      int dropped = 0;
      float[] training = items.table(true).toFloatArray();
      float[] inference = items.table(false).toFloatArray();
      for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
        if (FuseFixtures.COUNTS.count(i) == 0) {
          continue;
        }
        warmItems++;
        assertFalse(
            Arrays.equals(row(text, i, h), row(inference, i, h)),
            "no dropout at inference, item " + i);
        if (Arrays.equals(row(text, i, h), row(training, i, h))) {
          dropped++;
        }
      }
      // Half of the warm items in expectation; the bounds fail only with a broken draw, not by
      // chance.
      assertTrue(
          dropped > warmItems / 5 && dropped < warmItems * 4 / 5,
          dropped + " of " + warmItems + " dropped");
      assertThrows(
          IllegalArgumentException.class,
          () -> new FuseConfig(FuseConfig.Mode.GATE, 1f, 3f, 0, 1f));
    }
  }

  @Test
  void thePretrainedIdTableInitialisesTheIdView() {
    int h = FuseFixtures.TINY.hidden();
    float[][] init = new float[FuseFixtures.ITEMS + 1][h];
    Random rng = new Random(2);
    for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
      for (int k = 0; k < h; k++) {
        init[i][k] = (float) rng.nextGaussian();
      }
    }
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model =
          Backbones.create(
              "sasrec",
              FuseFixtures.TINY,
              FuseFixtures.ITEMS,
              m,
              FusedItemEmbeddings.factory(
                  FuseConfig.defaults(),
                  FuseFixtures.textView(FuseFixtures.table()),
                  FuseFixtures.COUNTS,
                  Optional.of(init)));
      float[] id = model.parameters().asMap().get(FusedItemEmbeddings.ID_PARAM).toFloatArray();
      for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
        assertArrayEquals(init[i], row(id, i, h), 0f);
      }
    }
  }

  @Test
  void theNullSpaceProjectionRemovesTheTextViewsLeadingDirections() {
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model =
          FuseFixtures.fused("sasrec", FuseConfig.of(FuseConfig.Mode.NULL_SPACE), m);
      FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
      int h = FuseFixtures.TINY.hidden();
      int rank = h / 2;
      float[][] p = items.nullSpaceProjection().orElseThrow();
      double trace = 0;
      for (int i = 0; i < h; i++) {
        trace += p[i][i];
        for (int j = 0; j < h; j++) {
          assertEquals(p[i][j], p[j][i], 1e-6, "symmetric");
          double pp = 0;
          for (int k = 0; k < h; k++) {
            pp += p[i][k] * p[k][j];
          }
          assertEquals(p[i][j], pp, 1e-5, "idempotent");
        }
      }
      assertEquals(h - rank, trace, 1e-5, "a projection onto H - rank dimensions");
      // The rank leading directions carry at least their share of the text view's energy, so P
      // keeps at most the rest.
      float[] text = items.textView().table(false).toFloatArray();
      double total = 0;
      double kept = 0;
      for (int r = 0; r < text.length / h; r++) {
        float[] t = row(text, r, h);
        for (int j = 0; j < h; j++) {
          double projected = 0;
          for (int i = 0; i < h; i++) {
            projected += t[i] * p[i][j];
          }
          total += t[j] * t[j];
          kept += projected * projected;
        }
      }
      assertTrue(kept <= total * (h - rank) / h + 1e-6, "kept " + kept + " of " + total);
    }
  }

  /** A text view whose every row is zero (no parameters). */
  private static ItemEmbeddingProvider.Factory zeroTextView() {
    return (params, numItems, extraRows, hidden) ->
        new ItemEmbeddingProvider() {
          private final NDArray zeros =
              params.manager().zeros(new Shape(numItems + 1 + extraRows, hidden));

          @Override
          public int rows() {
            return numItems + 1 + extraRows;
          }

          @Override
          public int hidden() {
            return hidden;
          }

          @Override
          public NDArray table(boolean training) {
            return zeros;
          }
        };
  }

  static float[] scores(SequentialRecommender model, NDManager m) {
    int len = model.config().maxLen();
    int[] ids = new int[HISTORIES.length * len];
    for (int u = 0; u < HISTORIES.length; u++) {
      model.predictionRow(HISTORIES[u], ids, u * len);
    }
    return model.scoreAll(m.create(ids, new Shape(HISTORIES.length, len))).toFloatArray();
  }

  private static int firstWarm() {
    for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
      if (FuseFixtures.COUNTS.count(i) > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no warm item");
  }

  private static float[] row(float[] flat, int r, int w) {
    return Arrays.copyOfRange(flat, r * w, (r + 1) * w);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private static double mean(float[] a) {
    double s = 0;
    for (float x : a) {
      s += x;
    }
    return s / a.length;
  }
}
