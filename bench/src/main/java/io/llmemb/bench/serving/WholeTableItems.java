package io.llmemb.bench.serving;

import ai.djl.ndarray.NDArray;
import io.llmemb.srs.ItemEmbeddingProvider;

/**
 * A provider with the whole-table lookup every provider had before inference looked up single rows: the "before"
 * of the per-event benchmark (the interface's default {@code lookup} derives the whole table, then gathers).
 */
record WholeTableItems(ItemEmbeddingProvider inner) implements ItemEmbeddingProvider {

  @Override
  public int rows() {
    return inner.rows();
  }

  @Override
  public int hidden() {
    return inner.hidden();
  }

  @Override
  public NDArray table(boolean training) {
    return inner.table(training);
  }
}
