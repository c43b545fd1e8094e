package io.llmemb.bench.reliability;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.engine.EngineConfig;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model release without the trainer service: a seeded, randomly initialised ID-only SASRec over
 * the replay's items, written as a bundle into the model store. The suite tests delivery, not
 * ranking quality, and training would cost minutes of the two cores the faults need; what matters
 * is that serving loads it, knows every replayed item (so each interaction must yield a
 * recommendation) and that the offline reference can score with it too. ID-only on purpose: new
 * embeddings then never change the index, so the reference needs no embedding stream. The load
 * bench writes the fused kind instead ({@link #writeFused}), whose cost per event is what it
 * measures.
 */
public final class ModelReleaseFactory {

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
    return write(
        store,
        modelName,
        version,
        itemIds,
        new BackboneConfig(hidden, 1, 1, 0.1f, maxLen, 0.2f),
        IdEmbeddings.factory(),
        seed,
        ReleaseInfo.NO_TEXT,
        ReleaseInfo.NO_TEXT);
  }

  /**
   * A fused release (the trainer's default kind: ID and text view behind the gate, the paper's
   * adapter over {@code table}), seeded and untrained, for benchmarks that measure serving's cost
   * rather than its ranking: the cost of an event does not depend on the weights' values.
   *
   * @param counts training interactions per item (zero = cold), which the gate reads
   */
  public static ModelRelease writeFused(
      Path store,
      String modelName,
      String version,
      List<String> itemIds,
      BackboneConfig backbone,
      LlmTable table,
      ItemCounts counts,
      long seed)
      throws IOException {
    return write(
        store,
        modelName,
        version,
        itemIds,
        backbone,
        FusedItemEmbeddings.factory(
            FuseConfig.warmStart(),
            AdapterEmbeddings.factory(AdapterConfig.paper(table.dim()), table),
            counts,
            Optional.empty()),
        seed,
        table.llmVersion(),
        table.promptVersion());
  }

  private static ModelRelease write(
      Path store,
      String modelName,
      String version,
      List<String> itemIds,
      BackboneConfig backbone,
      ItemEmbeddingProvider.Factory items,
      long seed,
      String encoderId,
      String promptVersion)
      throws IOException {
    Path dir = store.resolve(modelName).resolve(version);
    WrittenBundle bundle;
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, seed).apply())) {
      SequentialRecommender model = Backbones.create(BACKBONE, backbone, itemIds.size(), m, items);
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
                          String.valueOf(backbone.hidden()),
                          "maxLen",
                          String.valueOf(backbone.maxLen()),
                          "seed",
                          String.valueOf(seed)),
                      encoderId,
                      promptVersion),
                  Map.of()));
    }
    return ModelRelease.newBuilder()
        .setModelName(modelName)
        .setVersion(version)
        .setUri(bundle.dir().toUri().toString())
        .setSha256(bundle.manifestSha256())
        .setBackbone(BACKBONE)
        .setMaxSeqLen(backbone.maxLen())
        .setNumItems(itemIds.size())
        .setCreatedAt(Instant.now())
        .build();
  }
}
