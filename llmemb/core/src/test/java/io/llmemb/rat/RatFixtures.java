package io.llmemb.rat;

import io.llmemb.data.SequenceSplit;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.SyntheticSplits;
import java.util.Random;

/**
 * Small synthetic data and LLM tables for the RAT tests (≥ 100 items so 100-negative validation
 * works).
 */
public final class RatFixtures {

  public static final int ITEMS = 120;
  public static final int RAW_DIM = 24;
  public static final int PCA_DIM = 16;
  public static final BackboneConfig TINY = new BackboneConfig(8, 1, 1, 0.1f, 10, 0.6f);
  public static final SequenceSplit SPLIT = SyntheticSplits.ring(80, ITEMS, 5, 12, 0.8, 3);

  private RatFixtures() {}

  /**
   * Raw "LLM" embeddings: item i's row is a smooth function of i, so neighbours on the ring are
   * similar.
   */
  public static float[] rawEmbeddings(int items, int dim, long seed) {
    Random rng = new Random(seed);
    float[] out = new float[items * dim];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = (float) (Math.sin((i + 1) * (j + 1) * 0.05) + 0.1 * rng.nextGaussian());
      }
    }
    return out;
  }

  /** A PCA-reduced table of {@link #ITEMS} items. */
  public static LlmTable pcaTable() {
    float[] raw = rawEmbeddings(ITEMS, RAW_DIM, 1);
    PcaModel pca = PcaFitter.fit(raw, ITEMS, RAW_DIM, PCA_DIM);
    return new LlmTable(
        ITEMS, PCA_DIM, pca.transformAll(raw, ITEMS), "test-encoder@1", "prompt-v1", pca);
  }

  /** A table without PCA (rows are the raw embeddings). */
  public static LlmTable rawTable(int dim) {
    return new LlmTable(
        ITEMS, dim, rawEmbeddings(ITEMS, dim, 2), "test-encoder@1", "prompt-v1", null);
  }
}
