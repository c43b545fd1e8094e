package io.llmemb.serving.scoring;

import java.util.List;

/**
 * Top-K by dot product over the active rows of one {@link ItemRows}: exact ({@link ExactScorer}) or
 * approximate ({@link AnnScorer}). Safe to call from any number of threads while the rows' single
 * writer adds and deletes.
 */
public interface Scorer {

  /**
   * The {@code k} active rows with the highest dot product with {@code query}, best first.
   *
   * @param excluded rows never returned (the user's history), sorted ascending; looked up only for
   *     rows that would enter the result, so its size does not multiply the scan
   */
  List<ScoredRow> top(float[] query, int k, int[] excluded);

  /** Row {@code row} was added or its vector replaced; the default (a scan) needs nothing. */
  default void added(int row) {}

  /** Short name for logs and benchmark tables. */
  String name();
}
