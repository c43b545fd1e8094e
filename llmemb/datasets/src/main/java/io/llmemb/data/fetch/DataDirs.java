package io.llmemb.data.fetch;

import java.nio.file.Path;

/**
 * Where downloaded datasets are cached: {@code $LLMEMB_DATA_DIR}, else {@code data/} under the
 * working directory.
 */
public final class DataDirs {

  /** Environment variable naming the data root. */
  public static final String ENV = "LLMEMB_DATA_DIR";

  /** Sub-directory of the default MovieLens snapshot. */
  public static final String ML_LATEST_SMALL = "ml-latest-small";

  private DataDirs() {}

  /** The data root. */
  public static Path root() {
    String env = System.getenv(ENV);
    return env == null || env.isBlank() ? Path.of("data") : Path.of(env);
  }

  /** Default cache of the fetched ml-latest-small files. */
  public static Path movieLensSmall() {
    return root().resolve(ML_LATEST_SMALL);
  }
}
