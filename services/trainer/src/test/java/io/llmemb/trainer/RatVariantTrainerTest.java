package io.llmemb.trainer;

import static io.llmemb.trainer.TextFixtures.DIM;
import static io.llmemb.trainer.TextFixtures.embeddings;
import static io.llmemb.trainer.TextFixtures.randomVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.PreparedDataset;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RAT from topic-shaped embeddings to a {@code rat} bundle that serving opens and that adapts a new
 * item.
 */
class RatVariantTrainerTest {

  @Test
  void trainsRatOnPublishedEmbeddingsAndBundlesTheTextView(@TempDir Path tmp) throws Exception {
    PreparedDataset data = TextFixtures.prepared(SyntheticLog.events(""));
    Map<String, ItemEmbedding> embeddings = embeddings(TextFixtures.itemIds(data), "enc@1", "p1");
    VariantModelTrainer rat = TextFixtures.tiny(TrainerConfig.RAT, "sasrec", 4, () -> embeddings);
    try (TrainedModel model = rat.train(data, tmp.resolve("work"))) {
      assertEquals(new TrainedModel.TextView("enc@1", "p1", DIM), model.text().orElseThrow());
      assertEquals("8", model.config().get("pcaComponents"));
      WrittenBundle bundle =
          new DirectoryModelStore(tmp.resolve("store"), "m")
              .write("v1", model, data, "00", Map.of("ndcg@10", 0.5));
      assertEquals("rat", bundle.manifest().variant());
      try (ServingModel serving = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
        assertEquals("enc@1", serving.llmVersion().orElseThrow());
        // A brand-new item: its raw embedding goes through PCA + adapter into the model's item
        // space.
        float[] fresh = serving.adaptNewItem(randomVector(new Random(3))).orElseThrow();
        assertEquals(16, fresh.length);
      }
    }
  }

  @Test
  void refusesMissingOrMixedEmbeddings() {
    List<String> ids = List.of("a", "b", "c");
    Map<String, ItemEmbedding> some = new HashMap<>(embeddings(List.of("a", "b"), "enc@1", "p1"));
    EmbeddingsNotReadyException missing =
        assertThrows(EmbeddingsNotReadyException.class, () -> ItemEmbeddingTable.align(ids, some));
    assertTrue(
        missing.getMessage().contains("1 of 3 items have no embedding"), missing.getMessage());
    some.putAll(embeddings(List.of("c"), "enc@2", "p1"));
    EmbeddingsNotReadyException mixed =
        assertThrows(EmbeddingsNotReadyException.class, () -> ItemEmbeddingTable.align(ids, some));
    assertTrue(mixed.getMessage().contains("mix"), mixed.getMessage());
  }

  @Test
  void alignsRowsToInternalIds() {
    Map<String, ItemEmbedding> e = embeddings(List.of("x", "y"), "enc@1", "p1");
    ItemEmbeddingTable t = ItemEmbeddingTable.align(List.of("y", "x"), e);
    assertEquals(e.get("y").getVector().get(0), t.rows()[0]);
    assertEquals(e.get("x").getVector().get(0), t.rows()[DIM]);
  }
}
