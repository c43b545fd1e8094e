package io.llmemb.bench.reliability;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model release without the trainer service: a seeded, randomly initialised ID-only SASRec over
 * the replay's items, written as a bundle into the model store. The suite tests delivery, not
 * ranking quality, and training would cost minutes of the two cores the faults need; what matters
 * is that serving loads it, knows every replayed item (so each interaction must yield a
 * recommendation) and that the offline reference can score with it too. ID-only on purpose: new
 * embeddings then never change the index, so the reference needs no embedding stream.
 */
final class ModelReleaseFactory {

  static final String BACKBONE = "sasrec";

  private ModelReleaseFactory() {}

  /** Writes the bundle under {@code store/<modelName>/<version>} and returns its release record. */
  static ModelRelease write(
      Path store,
      String modelName,
      String version,
      List<String> itemIds,
      int hidden,
      int maxLen,
      long seed)
      throws IOException {
    Path dir = store.resolve(modelName).resolve(version);
    WrittenBundle bundle;
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, seed).apply())) {
      SequentialRecommender model =
          Backbones.create(
              BACKBONE,
              new BackboneConfig(hidden, 1, 1, 0.1f, maxLen, 0.2f),
              itemIds.size(),
              m,
              IdEmbeddings.factory());
      bundle =
          ModelBundles.write(
              dir,
              model,
              itemIds,
              new ReleaseInfo(
                  version,
                  ReleaseInfo.provenance(
                      "reliability-replay",
                      "0".repeat(64),
                      Map.of(
                          "hidden",
                          String.valueOf(hidden),
                          "maxLen",
                          String.valueOf(maxLen),
                          "seed",
                          String.valueOf(seed)),
                      ReleaseInfo.NO_TEXT,
                      ReleaseInfo.NO_TEXT),
                  Map.of()));
    }
    return ModelRelease.newBuilder()
        .setModelName(modelName)
        .setVersion(version)
        .setUri(bundle.dir().toUri().toString())
        .setSha256(bundle.manifestSha256())
        .setBackbone(BACKBONE)
        .setMaxSeqLen(maxLen)
        .setNumItems(itemIds.size())
        .setCreatedAt(Instant.now())
        .build();
  }
}
