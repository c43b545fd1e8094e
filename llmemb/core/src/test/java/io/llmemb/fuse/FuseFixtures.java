package io.llmemb.fuse;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.SyntheticSplits;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Trainer;
import java.util.Optional;
import java.util.Random;

/** Small synthetic data, a PCA-reduced "LLM" table and fused models for the fusion tests. */
final class FuseFixtures {

  static final int ITEMS = 120;
  static final int RAW_DIM = 24;
  static final int PCA_DIM = 16;
  static final BackboneConfig TINY = new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f);
  static final ColdItems COLD = ColdItems.select(ITEMS, 0.2, 5);

  /** The ring data with 20 % of the items cold: their training count is 0. */
  static final SequenceSplit SPLIT = COLD.apply(SyntheticSplits.ring(80, ITEMS, 5, 12, 0.8, 3));

  static final ItemCounts COUNTS = ItemCounts.fromTraining(SPLIT);

  private FuseFixtures() {}

  static NDManager manager() {
    return NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 13).apply());
  }

  /**
   * Raw "LLM" embeddings: item i's row is a smooth function of i, so ring neighbours are similar.
   */
  static float[] rawEmbeddings() {
    Random rng = new Random(1);
    float[] out = new float[ITEMS * RAW_DIM];
    for (int i = 0; i < ITEMS; i++) {
      for (int j = 0; j < RAW_DIM; j++) {
        out[i * RAW_DIM + j] =
            (float) (Math.sin((i + 1) * (j + 1) * 0.05) + 0.1 * rng.nextGaussian());
      }
    }
    return out;
  }

  /** The raw embeddings PCA-reduced to {@link #PCA_DIM}. */
  static LlmTable table() {
    float[] raw = rawEmbeddings();
    PcaModel pca = PcaFitter.fit(raw, ITEMS, RAW_DIM, PCA_DIM);
    return new LlmTable(
        ITEMS, PCA_DIM, pca.transformAll(raw, ITEMS), "test-encoder@1", "prompt-v1", pca);
  }

  /** The RAT adapter over {@link #table()} with a GELU hidden layer: the text view. */
  static ItemEmbeddingProvider.Factory textView(LlmTable table) {
    return AdapterEmbeddings.factory(
        new AdapterConfig(
            table.dim(), java.util.List.of(12), AdapterConfig.Activation.GELU, 0f, true),
        table);
  }

  /** A backbone over the fused provider. */
  static SequentialRecommender fused(String backbone, FuseConfig config, NDManager m) {
    return Backbones.create(
        backbone,
        TINY,
        ITEMS,
        m,
        FusedItemEmbeddings.factory(config, textView(table()), COUNTS, Optional.empty()));
  }

  /** One training epoch (lr 1e-2) on {@link #SPLIT}; returns the mean loss. */
  static double epoch(SequentialRecommender model) {
    AdamOptimizer opt = new AdamOptimizer(model.parameters().asMap(), 1e-2);
    return new Trainer(new TrainConfig(1e-2, 32, 1, 1, 1), false)
        .trainEpoch(model, new TrainingData(SPLIT), opt, new Random(1), 1);
  }
}
