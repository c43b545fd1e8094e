package io.llmemb.data;

import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.prep.PrepConfig;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helper for the real-data fixture {@code src/test/resources/ml-subset} (users 1-120 of ml-latest-small, see
 * its README): {@code PreparedDataset ds = MlSubset.load();}.
 */
public final class MlSubset {

  /** Core thresholds of the fixture preset: smaller than the full data's 5/5 because there are fewer users. */
  public static final int CORE = 3;

  private MlSubset() {
  }

  /** Directory holding {@code ratings.csv} and {@code movies.csv}. */
  public static Path dir() {
    URL url = MlSubset.class.getResource("/ml-subset/ratings.csv");
    if (url == null) {
      throw new IllegalStateException("ml-subset fixture not on the test classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fixture prepared with cores 3/3, the Pareto-80 tail threshold and the §9 tie rule. */
  public static PreparedDataset load() {
    return load(PrepConfig.defaults(DatasetFormat.MOVIELENS, "ml-subset").withCores(CORE, CORE));
  }

  /** The fixture prepared with {@code config}. */
  public static PreparedDataset load(PrepConfig config) {
    return DatasetPipeline.prepare(DatasetFormat.MOVIELENS, List.of(dir()), config);
  }
}
