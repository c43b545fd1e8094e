package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.PreparedDataset;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.variant.VariantPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused model from topic-shaped embeddings to a {@code fused} bundle: serving opens it, adapts
 * a brand-new item, and scores an item that had no training interaction from its text view alone.
 */
class FusedVariantTrainerTest {

  /** Items that are only ever the last (test) interaction of their users: training count 0. */
  private static final List<String> LATE = List.of("late0", "late1", "late2");

  private static final int H = 16;

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "SASRec"})
  void trainsFusedOnPublishedEmbeddingsAndServesZeroCountItemsByText(
      String backbone, @TempDir Path tmp) throws Exception {
    PreparedDataset data = TextFixtures.prepared(eventsWithLateItems());
    List<String> ids = TextFixtures.itemIds(data);
    assertTrue(ids.containsAll(LATE), "the late items survive the 3-core filter");
    Map<String, ItemEmbedding> embeddings = TextFixtures.embeddings(ids, "enc@1", "p1");
    VariantModelTrainer fused =
        TextFixtures.tiny(TrainerConfig.FUSED, backbone, 2, () -> embeddings);
    try (TrainedModel model = fused.train(data, tmp.resolve("work"))) {
      assertEquals(
          new TrainedModel.TextView("enc@1", "p1", TextFixtures.DIM), model.text().orElseThrow());
      assertEquals("fused", model.config().get("variant"));
      assertEquals(backbone.toLowerCase(Locale.ROOT), model.model().name());
      // The warm start used the plain model of this backbone; E_srs is SASRec's either way.
      assertTrue(Files.exists(tmp.resolve("work/" + VariantPipeline.SASREC_DIR + "/model.json")));
      assertEquals(
          !backbone.equalsIgnoreCase("sasrec"),
          Files.exists(tmp.resolve("work/" + VariantPipeline.PLAIN_DIR + "/model.json")));
      ItemCounts counts = ((FusedItemEmbeddings) model.model().items()).counts();
      int late = ids.indexOf(LATE.get(0)) + 1;
      int warm = ids.indexOf("i7") + 1;
      assertEquals(0, counts.count(late));
      assertTrue(counts.count(warm) > 0);

      WrittenBundle bundle =
          new DirectoryModelStore(tmp.resolve("store"), "m")
              .write("v1", model, data, "00", Map.of("ndcg@10", 0.5));
      assertEquals(FusedItemEmbeddings.VARIANT, bundle.manifest().variant());
      try (ServingModel serving = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
        assertEquals(FusedItemEmbeddings.VARIANT, serving.variant());
        assertEquals("enc@1", serving.llmVersion().orElseThrow());
        assertEquals(
            H, serving.adaptNewItem(TextFixtures.randomVector(new Random(3))).orElseThrow().length);
        float[] items = serving.itemVectors();
        // Count 0 in the bundle's counts: the served vector is the text view alone, the same vector
        // a brand-new
        // item with this embedding gets (float32 PCA rounding aside).
        for (String id : LATE) {
          assertArrayEquals(
              textOnly(serving, embeddings, id), row(items, ids.indexOf(id) + 1), 1e-4f, id);
        }
        // A warm item is not: its ID view (gate near 1 after the warm start) dominates.
        float[] warmText = textOnly(serving, embeddings, "i7");
        float[] warmServed = row(items, warm);
        double diff = 0;
        for (int k = 0; k < H; k++) {
          diff = Math.max(diff, Math.abs(warmText[k] - warmServed[k]));
        }
        assertTrue(diff > 1e-3, "warm item served from its ID view, max diff " + diff);
      }
    }
  }

  /** The synthetic log plus {@link #LATE}: each the final interaction of three users. */
  private static List<SyntheticLog.Event> eventsWithLateItems() {
    List<SyntheticLog.Event> events = new ArrayList<>(SyntheticLog.events(""));
    for (int u = 0; u < 3 * LATE.size(); u++) {
      events.add(
          new SyntheticLog.Event(
              "u" + u, LATE.get(u % LATE.size()), 1_000_000L * u + SyntheticLog.LENGTH));
    }
    return events;
  }

  private static float[] textOnly(
      ServingModel serving, Map<String, ItemEmbedding> embeddings, String id) {
    return serving.adaptNewItem(TextFixtures.vector(embeddings.get(id))).orElseThrow();
  }

  private static float[] row(float[] items, int internalId) {
    return Arrays.copyOfRange(items, (internalId - 1) * H, internalId * H);
  }
}
