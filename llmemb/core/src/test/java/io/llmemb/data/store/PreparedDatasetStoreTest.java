package io.llmemb.data.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.MlSubset;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDatasetStoreTest {

  @TempDir Path tmp;

  @Test
  void roundTripsAndReusesCacheOnlyForSameConfig() throws Exception {
    PrepConfig cfg = PrepConfig.defaults(DatasetFormat.MOVIELENS, "sub").withCores(3, 3);
    Path out = tmp.resolve("prep");
    PreparedDataset a =
        DatasetPipeline.prepareCached(DatasetFormat.MOVIELENS, List.of(MlSubset.dir()), cfg, out);
    PreparedDataset b = PreparedDatasetStore.load(out);
    assertEquals(a.rawUserIds(), b.rawUserIds());
    assertEquals(a.catalog(), b.catalog());
    for (int u = 0; u < a.split().numUsers(); u++) {
      assertArrayEquals(a.split().fullSequence(u), b.split().fullSequence(u));
    }
    assertArrayEquals(a.split().popularity(), b.split().popularity());
    assertEquals(a.split().tailThreshold(), b.split().tailThreshold());

    DatasetManifest m = PreparedDatasetStore.manifest(out);
    assertEquals(18_480L, m.counts().get("interactions read"));
    long before = Files.getLastModifiedTime(out.resolve(PreparedDatasetStore.SEQUENCES)).toMillis();
    Thread.sleep(20);
    DatasetPipeline.prepareCached(DatasetFormat.MOVIELENS, List.of(MlSubset.dir()), cfg, out);
    assertEquals(
        before,
        Files.getLastModifiedTime(out.resolve(PreparedDatasetStore.SEQUENCES)).toMillis(),
        "same inputs and config: cache reused");
    PreparedDataset c =
        DatasetPipeline.prepareCached(
            DatasetFormat.MOVIELENS, List.of(MlSubset.dir()), cfg.withCores(5, 5), out);
    assertTrue(c.split().numItems() < a.split().numItems(), "other config: prepared again");
  }

  @Test
  void tamperedFileIsDetected() throws Exception {
    Path out = tmp.resolve("prep");
    DatasetPipeline.prepareCached(
        DatasetFormat.MOVIELENS,
        List.of(MlSubset.dir()),
        PrepConfig.defaults(DatasetFormat.MOVIELENS, "sub").withCores(3, 3),
        out);
    Files.writeString(out.resolve(PreparedDatasetStore.SEQUENCES), "1\t1 2 3\n");
    assertThrows(DataFormatException.class, () -> PreparedDatasetStore.load(out));
  }
}
