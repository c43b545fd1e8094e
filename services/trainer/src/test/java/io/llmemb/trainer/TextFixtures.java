package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.Preprocessor;
import io.llmemb.engine.EngineConfig;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Snapshots and topic-shaped item embeddings for the text-aware trainer tests (RAT, fused). */
final class TextFixtures {

  /** Width of the raw "LLM" embeddings. */
  static final int DIM = 24;

  private TextFixtures() {}

  /**
   * A tiny, fast trainer of {@code variant} ({@code id}, {@code rat}, {@code fused}) on {@code
   * backbone} (H = 16, a few epochs) over {@code embeddings}.
   */
  static VariantModelTrainer tiny(
      String variant,
      String backbone,
      int epochs,
      Supplier<Map<String, ItemEmbedding>> embeddings) {
    return new VariantModelTrainer(
        VariantModelTrainer.variant(variant),
        backbone,
        new BackboneConfig(16, 1, 1, 0.2f, 20, 0.6f),
        new TrainConfig(0.01, 64, epochs, 2, 7),
        EngineConfig.of("cpu", EngineConfig.defaultThreads()),
        embeddings,
        8);
  }

  /** {@code events} prepared as the trainer prepares a snapshot (3-core). */
  static PreparedDataset prepared(List<SyntheticLog.Event> events) {
    List<Interaction> raw = new ArrayList<>();
    long line = 0;
    for (SyntheticLog.Event e : events) {
      raw.add(new Interaction(e.user(), e.item(), e.millis(), null, "test", ++line));
    }
    PrepConfig config = PrepConfig.defaults(DatasetFormat.MOVIELENS, "synthetic").withCores(3, 3);
    return Preprocessor.prepare(
        new RawDataset("kafka", raw, Map.of(), new LoadReport("synthetic")), config);
  }

  /** The raw item ids of {@code data}'s items, internal id order. */
  static List<String> itemIds(PreparedDataset data) {
    return data.catalog().rawItemIds().subList(1, data.split().numItems() + 1);
  }

  /** One random {@link #DIM}-wide embedding per id, as the embedding worker publishes them. */
  static Map<String, ItemEmbedding> embeddings(List<String> ids, String llm, String prompt) {
    Random rng = new Random(11);
    Map<String, ItemEmbedding> out = new HashMap<>();
    for (String id : ids) {
      List<Float> v = new ArrayList<>();
      for (float f : randomVector(rng)) {
        v.add(f);
      }
      out.put(
          id,
          ItemEmbedding.newBuilder()
              .setItemId(id)
              .setVector(v)
              .setPromptHash("h" + id)
              .setLlmVersion(llm)
              .setPromptVersion(prompt)
              .setCreatedAt(Instant.EPOCH)
              .build());
    }
    return out;
  }

  /** The vector of an embedding. */
  static float[] vector(ItemEmbedding e) {
    float[] v = new float[e.getVector().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.getVector().get(i);
    }
    return v;
  }

  /** A {@link #DIM}-wide standard normal vector. */
  static float[] randomVector(Random rng) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }
}
