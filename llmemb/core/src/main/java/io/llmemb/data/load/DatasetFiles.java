package io.llmemb.data.load;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one dataset: the interaction file and the item metadata file.
 *
 * @param interactions ratings/reviews file (plain or gzip)
 * @param items item metadata file, or {@code null} when the user has none (every item then has
 *     empty attributes)
 */
public record DatasetFiles(Path interactions, Path items) {

  public DatasetFiles {
    Objects.requireNonNull(interactions, "interactions");
  }
}
