package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.MlSubset;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrepareCommandTest {

  @TempDir Path tmp;

  @Test
  void writesPreparedDirectoryWithRequestedSettings() {
    Path out = tmp.resolve("ml-sub");
    int rc =
        new CommandLine(new PrepareCommand())
            .execute(
                "--format",
                "movielens",
                "--input",
                MlSubset.dir().toString(),
                "--out",
                out.toString(),
                "--user-core",
                "3",
                "--item-core",
                "3",
                "--tail-threshold",
                "10",
                "--tail-user-threshold",
                "20");
    assertEquals(0, rc);
    DatasetManifest m = PreparedDatasetStore.manifest(out);
    assertEquals("ml-sub", m.name());
    assertEquals(10, m.tailThreshold());
    assertTrue(m.config().contains("userCore=3 itemCore=3"), m.config());
    PreparedDataset ds = PreparedDatasetStore.load(out);
    assertEquals(120, ds.split().numUsers());
    assertEquals(20, ds.split().tailUserThreshold());
  }

  @Test
  void unknownFormatIsAUsageError() {
    int rc =
        new CommandLine(new PrepareCommand())
            .execute(
                "--format",
                "netflix",
                "--input",
                tmp.toString(),
                "--out",
                tmp.resolve("o").toString());
    assertNotEquals(0, rc);
  }
}
