package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.Preprocessor;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAT from topic-shaped embeddings to a {@code rat} bundle that serving opens and that adapts a new item. */
class RatModelTrainerTest {

  private static final int DIM = 24;

  @Test
  void trainsRatOnPublishedEmbeddingsAndBundlesTheTextView(@TempDir Path tmp) throws Exception {
    PreparedDataset data = prepared();
    Map<String, ItemEmbedding> embeddings = embeddings(data.catalog().rawItemIds().subList(1,
        data.split().numItems() + 1), "enc@1", "p1");
    PlainBackboneTrainer plain = new PlainBackboneTrainer("sasrec",
        new BackboneConfig(16, 1, 1, 0.2f, 20, 0.6f), new TrainConfig(0.01, 64, 4, 2, 7), "cpu");
    RatModelTrainer rat = new RatModelTrainer(plain, () -> embeddings, 8);
    try (TrainedModel model = rat.train(data, tmp.resolve("work"))) {
      assertEquals(new TrainedModel.TextView("enc@1", "p1", DIM), model.text().orElseThrow());
      assertEquals("8", model.config().get("pcaComponents"));
      WrittenBundle bundle = new DirectoryModelStore(tmp.resolve("store"), "m")
          .write("v1", model, data, "00", Map.of("ndcg@10", 0.5));
      assertEquals("rat", bundle.manifest().variant());
      try (ServingModel serving = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
        assertEquals("enc@1", serving.llmVersion().orElseThrow());
        // A brand-new item: its raw embedding goes through PCA + adapter into the model's item space.
        float[] fresh = serving.adaptNewItem(randomVector(new Random(3))).orElseThrow();
        assertEquals(16, fresh.length);
      }
    }
  }

  @Test
  void refusesMissingOrMixedEmbeddings() {
    List<String> ids = List.of("a", "b", "c");
    Map<String, ItemEmbedding> some = new HashMap<>(embeddings(List.of("a", "b"), "enc@1", "p1"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ItemEmbeddingTable.align(ids, some));
    assertTrue(missing.getMessage().contains("1 of 3 items have no embedding"), missing.getMessage());
    some.putAll(embeddings(List.of("c"), "enc@2", "p1"));
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
        () -> ItemEmbeddingTable.align(ids, some));
    assertTrue(mixed.getMessage().contains("mix"), mixed.getMessage());
  }

  @Test
  void alignsRowsToInternalIds() {
    Map<String, ItemEmbedding> e = embeddings(List.of("x", "y"), "enc@1", "p1");
    ItemEmbeddingTable t = ItemEmbeddingTable.align(List.of("y", "x"), e);
    assertEquals(e.get("y").getVector().get(0), t.rows()[0]);
    assertEquals(e.get("x").getVector().get(0), t.rows()[DIM]);
  }

  private static PreparedDataset prepared() {
    List<Interaction> raw = new ArrayList<>();
    long line = 0;
    for (SyntheticLog.Event e : SyntheticLog.events("")) {
      raw.add(new Interaction(e.user(), e.item(), e.millis(), null, "test", ++line));
    }
    PrepConfig config = PrepConfig.defaults(DatasetFormat.MOVIELENS, "synthetic").withCores(3, 3);
    return Preprocessor.prepare(new RawDataset("kafka", raw, Map.of(), new LoadReport("synthetic")), config);
  }

  private static Map<String, ItemEmbedding> embeddings(List<String> ids, String llm, String prompt) {
    Random rng = new Random(11);
    Map<String, ItemEmbedding> out = new HashMap<>();
    for (String id : ids) {
      List<Float> v = new ArrayList<>();
      for (float f : randomVector(rng)) {
        v.add(f);
      }
      out.put(id, ItemEmbedding.newBuilder().setItemId(id).setVector(v).setPromptHash("h" + id)
          .setLlmVersion(llm).setPromptVersion(prompt).setCreatedAt(Instant.EPOCH).build());
    }
    return out;
  }

  private static float[] randomVector(Random rng) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }
}
