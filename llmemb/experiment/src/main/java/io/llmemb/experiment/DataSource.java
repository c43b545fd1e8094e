package io.llmemb.experiment;

import java.nio.file.Path;

/**
 * Where the experiment's data comes from: a prepared directory, or raw MovieLens files prepared by
 * the pipeline.
 */
public sealed interface DataSource {

  /** A directory written by {@code llmemb prepare} ({@code --data}). */
  record Prepared(Path dir) implements DataSource {}

  /**
   * Raw MovieLens CSVs ({@code ratings.csv}, {@code movies.csv}), prepared with the §1 defaults
   * ({@code --dataset}).
   */
  record MovieLens(Path dir) implements DataSource {}
}
