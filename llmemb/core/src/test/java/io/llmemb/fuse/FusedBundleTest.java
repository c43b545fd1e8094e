package io.llmemb.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trained fused model written as a {@code fused} bundle serves the same scores, carries its
 * counts, and scores a brand-new item through the text view at count 0.
 */
class FusedBundleTest {

  private static final int[][] HISTORIES = {{5, 6, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {120}};

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasrec:GATE",
        "gru4rec:GATE",
        "bert4rec:GATE",
        "sasrec:CONCAT",
        "sasrec:NULL_SPACE",
        "sasrec:TEXT"
      })
  void servedScoresCountsAndNewItemsMatchTheTrainedModel(String spec) throws IOException {
    String backbone = spec.split(":")[0];
    FuseConfig config = FuseConfig.of(FuseConfig.Mode.valueOf(spec.split(":")[1]));
    try (NDManager m = FuseFixtures.manager()) {
      SequentialRecommender model = FuseFixtures.fused(backbone, config, m);
      FuseFixtures.epoch(model);
      List<String> ids =
          IntStream.rangeClosed(1, FuseFixtures.ITEMS).mapToObj(i -> "m" + i).toList();
      ReleaseInfo release =
          ReleaseInfo.now(
              ReleaseInfo.provenance(
                  "synthetic", "c".repeat(64), Map.of(), "test-encoder@1", "prompt-v1"),
              Map.of());
      WrittenBundle w = ModelBundles.write(tmp.resolve(backbone), model, ids, release);
      assertEquals(FusedItemEmbeddings.VARIANT, w.manifest().variant());
      assertEquals(FuseFixtures.COUNTS, ItemCounts.read(w.dir().resolve(FusedBundleParts.COUNTS)));
      float[] expected = FusedItemEmbeddingsTest.scores(model, m);
      int h = FuseFixtures.TINY.hidden();
      try (ServingModel served = ServingModels.load(w.dir(), w.manifestSha256())) {
        assertEquals(FusedItemEmbeddings.VARIANT, served.variant());
        assertEquals("test-encoder@1", served.llmVersion().orElseThrow());
        float[] items = served.itemVectors();
        for (int u = 0; u < HISTORIES.length; u++) {
          float[] user = served.encodeUser(HISTORIES[u]);
          for (int i = 1; i <= FuseFixtures.ITEMS; i++) {
            float dot = 0;
            for (int k = 0; k < h; k++) {
              dot += user[k] * items[(i - 1) * h + k];
            }
            assertEquals(
                expected[u * (FuseFixtures.ITEMS + 1) + i], dot, 1e-5, "user " + u + " item " + i);
          }
        }
        // A cold item re-adapted from its raw embedding as if brand-new lands on its served vector:
        // count 0 means
        // text view only, in serving as in training (float32 PCA rounding aside).
        float[] raw = FuseFixtures.rawEmbeddings();
        for (int id : FuseFixtures.COLD.items()) {
          float[] adapted =
              served
                  .adaptNewItem(
                      Arrays.copyOfRange(
                          raw, (id - 1) * FuseFixtures.RAW_DIM, id * FuseFixtures.RAW_DIM))
                  .orElseThrow();
          assertArrayEquals(
              Arrays.copyOfRange(items, (id - 1) * h, id * h), adapted, 1e-4f, "cold item " + id);
        }
        assertThrows(
            IllegalArgumentException.class,
            () -> served.adaptNewItem(new float[FuseFixtures.PCA_DIM]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing", "garbage"})
  void badCountFilesAreRefusedWithTheirName(String kind) throws IOException {
    Path f = tmp.resolve("counts.npy");
    if (kind.equals("garbage")) {
      Files.writeString(f, "not numpy");
    }
    IOException e = assertThrows(IOException.class, () -> ItemCounts.read(f));
    assertEquals(true, e.getMessage().contains("counts.npy"), e.getMessage());
  }
}
