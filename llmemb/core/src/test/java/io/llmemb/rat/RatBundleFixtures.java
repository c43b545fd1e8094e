package io.llmemb.rat;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.files.Provenance;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Generates the frozen model fixture {@code src/test/resources/bundles/bundle-v1-rat-sasrec}: a
 * tiny RAT SASRec (12 items, H = 4, PCA 6 → 4) as format 1 writes it. Run once and commit its
 * output together with the printed expected values in {@link RatBundleCompatibilityTest}; never
 * regenerate it (its point is to be what an older build wrote). Same command as {@code
 * io.llmemb.bundle.BundleFixtures}, with this class as the main class.
 */
final class RatBundleFixtures {

  static final BackboneConfig CONFIG = new BackboneConfig(4, 1, 1, 0.2f, 5, 0.6f);
  static final int ITEMS = 12;
  static final int RAW_DIM = 6;
  static final int[] HISTORY = {3, 7, 12};

  private RatBundleFixtures() {}

  /** The raw embedding of fixture item {@code id} (1-based): deterministic, no randomness. */
  static float[] raw(int id) {
    float[] v = new float[RAW_DIM];
    for (int j = 0; j < RAW_DIM; j++) {
      v[j] = (float) Math.sin(0.7 * id * (j + 1)) + 0.1f * j;
    }
    return v;
  }

  static WrittenBundle write(Path target) throws IOException {
    float[] rawRows = new float[ITEMS * RAW_DIM];
    for (int i = 1; i <= ITEMS; i++) {
      System.arraycopy(raw(i), 0, rawRows, (i - 1) * RAW_DIM, RAW_DIM);
    }
    PcaModel pca = PcaFitter.fit(rawRows, ITEMS, RAW_DIM, 4);
    LlmTable table =
        new LlmTable(
            ITEMS, 4, pca.transformAll(rawRows, ITEMS), "fixture-encoder@1", "prompt-v1", pca);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 2026).apply())) {
      SequentialRecommender model =
          Backbones.create(
              "sasrec", CONFIG, ITEMS, m, AdapterEmbeddings.factory(AdapterConfig.paper(4), table));
      Provenance prov =
          new Provenance(
              "fixture",
              "c".repeat(64),
              Map.of("alpha", "0.01"),
              "fixture-encoder@1",
              "prompt-v1",
              "0.1.0-fixture",
              Map.of("java", "17"));
      List<String> ids = IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "item-" + i).toList();
      return ModelBundles.write(
          target,
          model,
          ids,
          new ReleaseInfo("fixture-rat-1", prov, Map.of("x", 0.5)),
          Clock.fixed(Instant.parse("2026-12-02T14:40:00Z"), ZoneOffset.UTC));
    }
  }

  /** Writes the fixture and prints the manifest sha256 and the expected serving outputs. */
  public static void main(String[] args) throws IOException {
    WrittenBundle b = write(Path.of(args[0]));
    System.out.println("manifest sha256 " + b.manifestSha256());
    try (ServingModel s = ServingModels.load(b.dir())) {
      System.out.println("user " + Arrays.toString(s.encodeUser(HISTORY)));
      System.out.println(
          "item12 " + Arrays.toString(Arrays.copyOfRange(s.itemVectors(), 11 * 4, 12 * 4)));
      System.out.println("new " + Arrays.toString(s.adaptNewItem(raw(13)).orElseThrow()));
    }
  }
}
