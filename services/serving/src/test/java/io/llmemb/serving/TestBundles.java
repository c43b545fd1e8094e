package io.llmemb.serving;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real (randomly initialised) RAT SASRec bundles and their releases for the serving tests on the
 * real stack.
 */
final class TestBundles {

  static final int LLM_DIM = 16;
  static final String LLM_VERSION = "test-encoder@1";

  private TestBundles() {}

  static ModelRelease release(String model, String version, WrittenBundle bundle) {
    return ModelRelease.newBuilder()
        .setModelName(model)
        .setVersion(version)
        .setUri(bundle.dir().toUri().toString())
        .setSha256(bundle.manifestSha256())
        .setBackbone("sasrec")
        .setLlmVersion(LLM_VERSION)
        .setEmbeddingDim(LLM_DIM)
        .setCreatedAt(Instant.now())
        .build();
  }

  /** A randomly initialised RAT SASRec over a random LLM table (no PCA), written as a bundle. */
  static WrittenBundle writeBundle(Path dir, List<String> itemIds, long seed) throws Exception {
    Random random = new Random(seed);
    float[] rows = new float[itemIds.size() * LLM_DIM];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    LlmTable table = new LlmTable(itemIds.size(), LLM_DIM, rows, LLM_VERSION, "p1", null);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, seed).apply())) {
      SequentialRecommender model =
          Backbones.create(
              "sasrec",
              new BackboneConfig(8, 1, 1, 0.1f, 6, 0.6f),
              itemIds.size(),
              m,
              AdapterEmbeddings.factory(AdapterConfig.paper(LLM_DIM), table));
      return ModelBundles.write(
          dir,
          model,
          itemIds,
          new ReleaseInfo(
              dir.getFileName().toString(),
              ReleaseInfo.provenance(
                  "serving-it", "b".repeat(64), Map.of("hidden", "8"), LLM_VERSION, "p1"),
              Map.of()));
    }
  }

  static List<Float> randomVector(Random random, int dim) {
    List<Float> v = new ArrayList<>(dim);
    for (int i = 0; i < dim; i++) {
      v.add((float) random.nextGaussian());
    }
    return v;
  }
}
