package io.llmemb.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write a randomly initialised backbone as a bundle, load it for serving, and get the same scores
 * back.
 */
class ModelBundlesTest {

  static final BackboneConfig TINY = new BackboneConfig(8, 1, 1, 0.3f, 6, 0.6f);
  static final int ITEMS = 12;
  static final int[][] HISTORIES = {{3}, {1, 2, 3, 4, 5, 6, 7, 8}, {12, 11, 5}, {}};

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void servingScoresEqualTheInMemoryModel(String backbone) throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create(backbone, TINY, ITEMS, m, IdEmbeddings.factory(0.5f));
      WrittenBundle written =
          ModelBundles.write(tmp.resolve("b"), model, itemIds(), release(), clock());
      float[][] expected = scoreAll(model, m);
      try (ServingModel served = ServingModels.load(written.dir(), written.manifestSha256())) {
        assertEquals(backbone, served.backbone());
        assertEquals(ModelBundles.ID_VARIANT, served.variant());
        assertEquals("20261202T000000Z", served.version());
        assertEquals(written.manifestSha256(), served.manifestSha256());
        assertEquals(TINY.hidden(), served.hidden());
        assertEquals(TINY.maxLen(), served.maxLen());
        assertEquals(itemIds(), served.itemIds());
        assertTrue(
            served.adaptNewItem(new float[4]).isEmpty(), "an ID model cannot score unseen items");
        assertTrue(served.llmVersion().isEmpty());
        float[] items = served.itemVectors();
        assertEquals(ITEMS * TINY.hidden(), items.length);
        for (int u = 0; u < HISTORIES.length; u++) {
          float[] user = served.encodeUser(HISTORIES[u]);
          assertEquals(TINY.hidden(), user.length);
          for (int i = 1; i <= ITEMS; i++) {
            float dot = 0;
            for (int h = 0; h < TINY.hidden(); h++) {
              dot += user[h] * items[(i - 1) * TINY.hidden() + h];
            }
            assertEquals(expected[u][i], dot, 1e-5, backbone + " user " + u + " item " + i);
          }
        }
      }
    }
  }

  @Test
  void itemVectorsDerivedInChunksEqualTheWholeTable() throws IOException {
    int items = 2 * BackboneServingModel.VECTOR_CHUNK + 3; // two full chunks and a short one
    BackboneConfig small = new BackboneConfig(4, 1, 1, 0.3f, 6, 0.6f);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("sasrec", small, items, m, IdEmbeddings.factory(0.5f));
      float[] table = model.items().table(false).get(new NDIndex("1:{}", items + 1)).toFloatArray();
      List<String> ids = IntStream.rangeClosed(1, items).mapToObj(i -> "item" + i).toList();
      WrittenBundle written =
          ModelBundles.write(tmp.resolve("chunks"), model, ids, release(), clock());
      try (ServingModel served = ServingModels.load(written.dir(), written.manifestSha256())) {
        assertArrayEquals(table, served.itemVectors(), 0f);
      }
    }
  }

  @Test
  void unknownIdsInAHistoryAreSkipped() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("sasrec", TINY, ITEMS, m, IdEmbeddings.factory(0.5f));
      Path dir = ModelBundles.write(tmp.resolve("b"), model, itemIds(), release(), clock()).dir();
      try (ServingModel served = ServingModels.load(dir)) {
        assertArrayEquals(
            served.encodeUser(new int[] {2, 5}),
            served.encodeUser(new int[] {0, 2, 99, -1, 5}),
            0f);
      }
    }
  }

  @Test
  void parametersAreNumpyArraysAndIndexed() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("sasrec", TINY, ITEMS, m, IdEmbeddings.factory());
      Bundle b =
          BundleReader.open(
              ModelBundles.write(tmp.resolve("b"), model, itemIds(), release(), clock()).dir());
      ModelConfig config = b.json(ModelBundles.CONFIG_PART, ModelConfig.class);
      assertEquals(
          model.parameters().asMap().keySet(),
          config.parameters().stream()
              .map(ModelConfig.ParameterPart::name)
              .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
      NpyArray table = b.npy(ModelBundles.PARAM_PREFIX + IdEmbeddings.PARAM_NAME + ".npy");
      assertArrayEquals(new int[] {ITEMS + 1, TINY.hidden()}, table.shape());
      assertArrayEquals(
          model.parameters().asMap().get(IdEmbeddings.PARAM_NAME).toFloatArray(),
          table.floats(),
          0f);
      assertEquals(TINY, config.backboneConfig());
    }
  }

  @Test
  void aDamagedWeightIsRefusedNamingThePart() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("gru4rec", TINY, ITEMS, m, IdEmbeddings.factory());
      Path dir = ModelBundles.write(tmp.resolve("b"), model, itemIds(), release(), clock()).dir();
      Path part = dir.resolve(ModelBundles.PARAM_PREFIX + "gru.weight_hh_l0.npy");
      byte[] data = Files.readAllBytes(part);
      data[data.length - 2] ^= 0x10;
      Files.write(part, data);
      BundleException e = assertThrows(BundleException.class, () -> ServingModels.load(dir));
      assertEquals(BundleException.Kind.CHECKSUM_MISMATCH, e.kind());
      assertEquals(part.getFileName().toString(), e.file());
    }
  }

  @Test
  void anotherReleaseChecksumIsRefused() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("sasrec", TINY, ITEMS, m, IdEmbeddings.factory());
      WrittenBundle w = ModelBundles.write(tmp.resolve("b"), model, itemIds(), release(), clock());
      BundleException e =
          assertThrows(BundleException.class, () -> ServingModels.load(w.dir(), "f".repeat(64)));
      assertEquals(BundleException.Kind.CHECKSUM_MISMATCH, e.kind());
      assertEquals(w.manifestSha256(), e.found());
    }
  }

  @Test
  void anIdListOfTheWrongLengthIsRefusedBeforeWriting() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 5).apply())) {
      SequentialRecommender model =
          Backbones.create("sasrec", TINY, ITEMS, m, IdEmbeddings.factory());
      assertThrows(
          IllegalArgumentException.class,
          () -> ModelBundles.write(tmp.resolve("b"), model, List.of("1", "2"), release(), clock()));
      assertTrue(Files.notExists(tmp.resolve("b")));
    }
  }

  @Test
  void theFormatOneFixtureStillOpensButHoldsNoServableModel() throws IOException {
    Bundle fixture =
        BundleReader.open(
            BundleCompatibilityTest.FIXTURE_V1, BundleCompatibilityTest.FIXTURE_V1_SHA);
    BundleException e =
        assertThrows(
            BundleException.class, () -> ServingModels.load(BundleCompatibilityTest.FIXTURE_V1));
    assertEquals(BundleException.Kind.MISSING_FILE, e.kind());
    assertEquals(ModelBundles.CONFIG_PART, e.file());
    assertEquals(1, fixture.manifest().formatVersion());
  }

  static List<String> itemIds() {
    return IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "raw-" + (100 + i)).toList();
  }

  static ReleaseInfo release() {
    return new ReleaseInfo(
        "20261202T000000Z",
        ReleaseInfo.provenance(
            "synthetic",
            "a".repeat(64),
            Map.of("hidden", "8"),
            ReleaseInfo.NO_TEXT,
            ReleaseInfo.NO_TEXT),
        Map.of("valid.ndcg@10", 0.25));
  }

  static Clock clock() {
    return Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
  }

  /** The in-memory model's scores of {@link #HISTORIES}: [user][item id], column 0 padding. */
  static float[][] scoreAll(SequentialRecommender model, NDManager m) {
    int len = model.config().maxLen();
    int[] ids = new int[HISTORIES.length * len];
    for (int u = 0; u < HISTORIES.length; u++) {
      model.predictionRow(HISTORIES[u], ids, u * len);
    }
    float[] flat = model.scoreAll(m.create(ids, new Shape(HISTORIES.length, len))).toFloatArray();
    float[][] out = new float[HISTORIES.length][ITEMS + 1];
    for (int u = 0; u < HISTORIES.length; u++) {
      System.arraycopy(flat, u * (ITEMS + 1), out[u], 0, ITEMS + 1);
    }
    return out;
  }
}
