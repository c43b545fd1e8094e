package io.llmemb.serving.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.scoring.ScoringSettings;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.BackboneWeights;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TransformerWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java user encoding equals the engine's for every transformer backbone and item representation
 * serving loads, on bundles whose every parameter (LayerNorm scales and shifts, biases, gate,
 * adapter) is randomised, so no weight can be skipped or misplaced unnoticed; and a model whose
 * Java encoding would disagree is served through the engine.
 */
class JavaUserEncoderTest {

  private static final int ITEMS = 40;
  private static final int LLM_DIM = 12;
  private static final String LLM_VERSION = "test-encoder@1";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasrec:id:1",
        "sasrec:id:3",
        "sasrec:rat:1",
        "sasrec:fused:3",
        "bert4rec:id:1",
        "bert4rec:fused:3",
        "gru4rec:id:1",
        "gru4rec:rat:1",
        "gru4rec:fused:1"
      })
  void javaEncodingEqualsTheEngines(String spec) throws Exception {
    String[] parts = spec.split(":");
    // H 24 with 3 heads: widths that are not a multiple of any vector length, heads of width 8.
    BackboneConfig config = new BackboneConfig(24, 2, Integer.parseInt(parts[2]), 0.3f, 9, 0.6f);
    WrittenBundle bundle = write(parts[0], parts[1], config);
    try (ServingModel model = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
      LiveModel live =
          LiveModel.of("v1", model, model.itemVectors(), ScoringSettings.DEFAULT, true);
      assertTrue(live.encoder().name().startsWith("java-"), live.encoder().name());
      Random random = new Random(5);
      for (int u = 0; u < 40; u++) {
        // 1 to 2 x maxLen items: padding, a full row, truncation, repeats.
        int[] history =
            random.ints(1 + random.nextInt(2 * config.maxLen()), 1, ITEMS + 1).toArray();
        float[] expected = model.encodeUser(history);
        float[] actual = live.encodeUser(history);
        assertEquals(expected.length, actual.length);
        for (int j = 0; j < expected.length; j++) {
          assertEquals(
              expected[j], actual[j], 1e-5f * Math.max(1f, Math.abs(expected[j])), "user " + u);
        }
      }
    }
  }

  @Test
  void aModelWhoseJavaEncodingDisagreesIsEncodedByTheEngine() throws Exception {
    BackboneConfig config = new BackboneConfig(24, 2, 1, 0.3f, 9, 0.6f);
    WrittenBundle bundle = write("sasrec", "id", config);
    try (ServingModel model = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
      ServingModel skewed = new SkewedWeights(model);
      LiveModel live =
          LiveModel.of("v1", skewed, model.itemVectors(), ScoringSettings.DEFAULT, true);
      assertEquals("engine", live.encoder().name());
      assertEquals(
          "engine",
          LiveModel.of("v1", model, model.itemVectors(), ScoringSettings.DEFAULT, false)
              .encoder()
              .name());
    }
  }

  @Test
  void anEmptyHistoryIsRefusedNotGuessed() throws Exception {
    BackboneConfig config = new BackboneConfig(24, 1, 1, 0.3f, 9, 0.6f);
    WrittenBundle bundle = write("sasrec", "id", config);
    try (ServingModel model = ServingModels.load(bundle.dir(), bundle.manifestSha256())) {
      TransformerUserEncoder java =
          new TransformerUserEncoder(
              (TransformerWeights) model.backboneWeights().orElseThrow(),
              (id, out, offset) -> {
                throw new AssertionError("no row is read for an empty history");
              });
      assertThrows(IllegalArgumentException.class, () -> java.encode(new int[config.maxLen()]));
      assertThrows(IllegalArgumentException.class, () -> java.encode(new int[3]));
    }
  }

  private WrittenBundle write(String backbone, String items, BackboneConfig config)
      throws Exception {
    Random random = new Random(backbone.hashCode() * 31L + items.hashCode());
    List<String> ids = IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "m" + i).toList();
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 3).apply())) {
      SequentialRecommender model =
          Backbones.create(backbone, config, ITEMS, m, provider(items, random));
      // Every parameter random, LayerNorm scales and zero-initialised biases included.
      for (NDArray p : model.parameters().asMap().values()) {
        float[] values = new float[(int) p.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.3 * random.nextGaussian());
        }
        p.set(values);
      }
      return ModelBundles.write(
          tmp.resolve(backbone + "-" + items + "-" + config.heads()),
          model,
          ids,
          ReleaseInfo.now(
              ReleaseInfo.provenance("encoder-test", "d".repeat(64), Map.of(), LLM_VERSION, "p1"),
              Map.of()));
    }
  }

  private static ItemEmbeddingProvider.Factory provider(String items, Random random) {
    if ("id".equals(items)) {
      return IdEmbeddings.factory();
    }
    float[] rows = new float[ITEMS * LLM_DIM];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    LlmTable table = new LlmTable(ITEMS, LLM_DIM, rows, LLM_VERSION, "p1", null);
    ItemEmbeddingProvider.Factory text =
        AdapterEmbeddings.factory(AdapterConfig.paper(LLM_DIM), table);
    if ("rat".equals(items)) {
      return text;
    }
    int[] counts = new int[ITEMS + 1];
    for (int i = 1; i <= ITEMS; i++) {
      counts[i] = i % 7 == 0 ? 0 : random.nextInt(50);
    }
    return FusedItemEmbeddings.factory(
        FuseConfig.defaults(), text, new ItemCounts(counts), Optional.empty());
  }

  /** The model with one LayerNorm shift changed in the weights it hands out. */
  private record SkewedWeights(ServingModel inner) implements ServingModel {

    @Override
    public Optional<BackboneWeights> backboneWeights() {
      TransformerWeights w = (TransformerWeights) inner.backboneWeights().orElseThrow();
      float[] beta = w.lastBeta().clone();
      beta[0] += 1f;
      return Optional.of(
          new TransformerWeights(
              w.hidden(),
              w.heads(),
              w.causal(),
              w.positions(),
              w.blocks(),
              w.lastGamma(),
              beta,
              w.numItems(),
              w.extraRows()));
    }

    @Override
    public int[] inputRow(int[] history) {
      return inner.inputRow(history);
    }

    @Override
    public String version() {
      return inner.version();
    }

    @Override
    public String manifestSha256() {
      return inner.manifestSha256();
    }

    @Override
    public String backbone() {
      return inner.backbone();
    }

    @Override
    public String variant() {
      return inner.variant();
    }

    @Override
    public int hidden() {
      return inner.hidden();
    }

    @Override
    public int maxLen() {
      return inner.maxLen();
    }

    @Override
    public List<String> itemIds() {
      return inner.itemIds();
    }

    @Override
    public float[] itemVectors() {
      return inner.itemVectors();
    }

    @Override
    public float[] encodeUser(int[] history) {
      return inner.encodeUser(history);
    }

    @Override
    public Optional<float[]> adaptNewItem(float[] llmEmbedding) {
      return inner.adaptNewItem(llmEmbedding);
    }
  }
}
