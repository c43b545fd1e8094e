package io.llmemb.data;

import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helper for the real-data fixture {@code src/test/resources/ml-subset} (users 1-120 of
 * ml-latest-small, see its README): {@code PreparedDataset ds = MlSubset.load();}.
 */
public final class MlSubset {

  /**
   * Core thresholds of the fixture preset: smaller than the full data's 5/5 because there are fewer
   * users.
   */
  public static final int CORE = 3;

  private MlSubset() {}

  /** Directory holding {@code ratings.csv} and {@code movies.csv}. */
  public static Path dir() {
    URL url = MlSubset.class.getResource("/ml-subset/ratings.csv");
    if (url == null) {
      throw new IllegalStateException("ml-subset fixture not on the test classpath");
    }
    try {
      if (!"jar".equals(url.getProtocol())) {
        return Path.of(url.toURI()).getParent();
      }
      return copiedOutOfJar();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Modules above the core read the fixture from its test jar; readers need files, so it is copied
   * out once.
   */
  private static synchronized Path copiedOutOfJar() throws IOException {
    if (copy == null) {
      Path dir = Files.createTempDirectory("ml-subset");
      for (String name : new String[] {"ratings.csv", "movies.csv", "README.txt"}) {
        try (InputStream in = MlSubset.class.getResourceAsStream("/ml-subset/" + name)) {
          Files.copy(in, dir.resolve(name));
        }
      }
      dir.toFile().deleteOnExit();
      copy = dir;
    }
    return copy;
  }

  private static Path copy;

  /** The fixture prepared with cores 3/3, the Pareto-80 tail threshold and the §9 tie rule. */
  public static PreparedDataset load() {
    return load(PrepConfig.defaults(DatasetFormat.MOVIELENS, "ml-subset").withCores(CORE, CORE));
  }

  /** The fixture prepared with {@code config}. */
  public static PreparedDataset load(PrepConfig config) {
    return DatasetPipeline.prepare(DatasetFormat.MOVIELENS, List.of(dir()), config);
  }
}
