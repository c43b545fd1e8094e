package io.llmemb.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/llmemb-method.md §9: the official pipeline on ml-latest-small (dslabs snapshot), 5/5
 * one-pass cores, tie rule user → timestamp → raw item id, gives 671 users / 3,496 items / 90,072
 * interactions, Pareto-80 tail cut 36 and 313 test targets in the tail. Runs only when {@code
 * fetch-movielens} has filled the data directory.
 */
class RealMovieLensTest {

  @Test
  void defaultPresetReproducesOfficialCounts() {
    String env = System.getenv("LLMEMB_DATA_DIR");
    Path dir =
        env != null ? Path.of(env, "ml-latest-small") : Path.of("..", "data", "ml-latest-small");
    Assumptions.assumeTrue(
        Files.isRegularFile(dir.resolve("ratings.csv")),
        "real ml-latest-small not fetched at " + dir.toAbsolutePath() + " (run fetch-movielens)");
    PreparedDataset ds =
        DatasetPipeline.prepare(
            DatasetFormat.MOVIELENS,
            List.of(dir),
            PrepConfig.defaults(DatasetFormat.MOVIELENS, "ml-latest-small"));
    SequenceSplit s = ds.split();
    assertEquals(671, s.numUsers());
    assertEquals(3496, s.numItems());
    assertEquals(90_072, Arrays.stream(s.train()).mapToLong(t -> t.length + 2L).sum());
    assertEquals(36, s.tailThreshold());
    assertEquals(313, Arrays.stream(s.test()).filter(s::isTailItem).count());
    SplitInvariants.check(ds);
  }
}
