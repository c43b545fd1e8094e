package io.llmemb.bench.serving;

import io.llmemb.bench.reliability.ModelReleaseFactory;
import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.LlmTable;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.srs.BackboneConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The catalogue of one load run: item ids with a popularity to draw interactions from, and the raw
 * "LLM" embeddings the fused release's text view is built from and new items are published with.
 *
 * <p>Up to the number of MovieLens movies with ratings, the items are the most-rated movies of
 * {@code ml-latest-small} and their rating counts are the popularity (and the gate's training
 * counts); beyond it, or without the data, ids {@code s<i>} with a Zipf(0.9) popularity. The
 * embeddings are always synthetic (Gaussian clusters, 384 wide like MiniLM's, PCA to 128 as the
 * fused pipeline does): the release's weights are random, so real text would not change the cost.
 */
final class LoadCatalogue {

  static final int RAW_DIM = 384;
  static final int TEXT_DIM = 128;
  static final String LLM_VERSION = "bench-synthetic-encoder@1";
  static final String PROMPT_VERSION = "bench-prompt-v1";
  private static final int PCA_SAMPLE = 2_000;
  private static final int CHUNK = 8_192;

  private final List<String> ids;
  private final double[] cumulative;
  private final int[] counts;
  private final String source;
  private final float[][] centres;
  private final long seed;

  private LoadCatalogue(
      List<String> ids, double[] weights, int[] counts, String source, long seed) {
    this.ids = List.copyOf(ids);
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    this.counts = counts;
    this.source = source;
    this.seed = seed;
    Random random = new Random(seed);
    this.centres = new float[Math.max(8, (int) Math.sqrt(ids.size()) / 4)][RAW_DIM];
    for (float[] c : centres) {
      for (int j = 0; j < RAW_DIM; j++) {
        c[j] = (float) random.nextGaussian();
      }
    }
  }

  /** {@code n} items: MovieLens movies when {@code movieLens} has that many, synthetic beyond. */
  static LoadCatalogue of(int n, Path movieLens, long seed) {
    if (movieLens != null && Files.isRegularFile(movieLens.resolve("ratings.csv"))) {
      RawDataset data =
          DatasetFormat.MOVIELENS
              .loader()
              .load(DatasetFormat.MOVIELENS.resolve(List.of(movieLens)));
      Map<String, Integer> ratings = new HashMap<>();
      for (Interaction i : data.interactions()) {
        ratings.merge(i.itemId(), 1, Integer::sum);
      }
      if (n <= ratings.size()) {
        List<Map.Entry<String, Integer>> top = new ArrayList<>(ratings.entrySet());
        top.sort(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> ids = new ArrayList<>(n);
        double[] weights = new double[n];
        int[] counts = new int[n + 1];
        for (int i = 0; i < n; i++) {
          ids.add(top.get(i).getKey());
          weights[i] = top.get(i).getValue();
          counts[i + 1] = top.get(i).getValue();
        }
        return new LoadCatalogue(
            ids,
            weights,
            counts,
            "MovieLens " + movieLens.getFileName() + " (" + n + " most-rated movies)",
            seed);
      }
    }
    List<String> ids = new ArrayList<>(n);
    double[] weights = new double[n];
    int[] counts = new int[n + 1];
    double total = 0;
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
      weights[i] = Math.pow(i + 1, -0.9);
      total += weights[i];
    }
    // as if 100 interactions per item had been trained on: the tail rounds to 0, i.e. cold
    for (int i = 0; i < n; i++) {
      counts[i + 1] = (int) Math.round(weights[i] / total * 100.0 * n);
    }
    return new LoadCatalogue(ids, weights, counts, "synthetic (" + n + " items, Zipf 0.9)", seed);
  }

  List<String> ids() {
    return ids;
  }

  int size() {
    return ids.size();
  }

  String source() {
    return source;
  }

  /** An item drawn by popularity. */
  String draw(Random random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    return ids.get(Math.min(ids.size() - 1, i >= 0 ? i : -i - 1));
  }

  /** Items the gate sees as cold (no training interactions). */
  long coldItems() {
    return Arrays.stream(counts).skip(1).filter(c -> c == 0).count();
  }

  /**
   * The raw embedding of item number {@code key} (a catalogue row, or any other number for a new
   * item): a cluster centre plus noise, a pure function of the catalogue seed and the key.
   */
  float[] raw(long key) {
    Random random = new Random(seed * 1_000_003L + key);
    float[] c = centres[random.nextInt(centres.length)];
    float[] v = new float[RAW_DIM];
    for (int j = 0; j < RAW_DIM; j++) {
      v[j] = c[j] + 0.6f * (float) random.nextGaussian();
    }
    return v;
  }

  /**
   * Writes the fused release (SASRec {@code backbone}) over this catalogue into {@code store}: PCA
   * fitted on a sample of the raw embeddings, the table projected in chunks so a large catalogue
   * never holds its raw matrix.
   */
  ModelRelease writeRelease(Path store, String modelName, String version, BackboneConfig backbone)
      throws IOException {
    int n = ids.size();
    int sample = Math.min(n, PCA_SAMPLE);
    float[] sampleRows = new float[sample * RAW_DIM];
    for (int i = 0; i < sample; i++) {
      System.arraycopy(raw((long) i * n / sample), 0, sampleRows, i * RAW_DIM, RAW_DIM);
    }
    PcaModel pca = PcaFitter.fit(sampleRows, sample, RAW_DIM, TEXT_DIM);
    float[] table = new float[n * TEXT_DIM];
    float[] chunk = new float[CHUNK * RAW_DIM];
    for (int start = 0; start < n; start += CHUNK) {
      int rows = Math.min(CHUNK, n - start);
      for (int i = 0; i < rows; i++) {
        System.arraycopy(raw(start + i), 0, chunk, i * RAW_DIM, RAW_DIM);
      }
      System.arraycopy(pca.transformAll(chunk, rows), 0, table, start * TEXT_DIM, rows * TEXT_DIM);
    }
    LlmTable llm = new LlmTable(n, TEXT_DIM, table, LLM_VERSION, PROMPT_VERSION, pca);
    return ModelReleaseFactory.writeFused(
        store, modelName, version, ids, backbone, llm, new ItemCounts(counts), seed);
  }

  /** The embedding record of a new item, as the embedding worker publishes it. */
  ItemEmbedding newItemEmbedding(String itemId, long key) {
    return embedding(itemId, key, Instant.now());
  }

  /**
   * The embedding record of item number {@code key} (see {@link #raw}), made at {@code createdAt}.
   */
  ItemEmbedding embedding(String itemId, long key, Instant createdAt) {
    float[] v = raw(key);
    List<Float> vector = new ArrayList<>(v.length);
    for (float f : v) {
      vector.add(f);
    }
    return ItemEmbedding.newBuilder()
        .setItemId(itemId)
        .setVector(vector)
        .setPromptHash("0".repeat(64))
        .setLlmVersion(LLM_VERSION)
        .setPromptVersion(PROMPT_VERSION)
        .setCreatedAt(createdAt)
        .build();
  }
}
