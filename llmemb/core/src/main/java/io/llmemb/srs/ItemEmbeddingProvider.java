package io.llmemb.srs;

import ai.djl.ndarray.NDArray;

/**
 * Source of the item table a backbone reads its inputs from and scores candidates against
 * (docs/llmemb-method.md §4: the RAT adapter output <em>replaces</em> the ID embedding in both
 * places).
 *
 * <p>Row 0 is padding and must be zero; rows {@code 1..numItems} are items; backbones that need
 * extra rows (the Bert4Rec [MASK] token, row {@code numItems + 1}) ask for them through {@code
 * extraRows}. Implementations register their trainable parameters into the {@link ParameterSet}
 * they are built with, so the trainer optimises and checkpoints them with the backbone's.
 */
public interface ItemEmbeddingProvider {

  /** Number of rows: {@code numItems + 1 + extraRows}. */
  int rows();

  /** Width H of the returned table. */
  int hidden();

  /**
   * The table as part of the computation graph (recomputed per call, so adapters see the current
   * weights).
   *
   * @param training whether dropout or other train-only behaviour is active
   * @return [rows, H]
   */
  NDArray table(boolean training);

  /**
   * Rows {@code ids} of {@link #table}, [..., H] for ids of any shape: what a backbone reads its
   * input sequence from. The default derives the whole table; providers override it so that
   * inference costs O(|ids|), not O(rows), since serving encodes one user per event against
   * catalogues of up to millions of items. Training keeps the whole-table graph the published
   * results were produced with.
   *
   * @param training whether dropout or other train-only behaviour is active
   */
  default NDArray lookup(NDArray ids, boolean training) {
    return Layers.lookup(table(training), ids);
  }

  /**
   * {@code inner} with the whole-table {@link #lookup} every provider had before inference looked
   * up single rows: the reference that exactness tests and the per-event benchmark compare the row
   * lookup against.
   */
  record WholeTable(ItemEmbeddingProvider inner) implements ItemEmbeddingProvider {

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

  /** Builds a provider for a backbone; the backbone supplies the sizes. */
  @FunctionalInterface
  interface Factory {

    /**
     * @param params where trainable parameters go
     * @param numItems largest item id
     * @param extraRows rows after the items (1 for Bert4Rec's [MASK], else 0)
     * @param hidden H
     * @return the provider
     */
    ItemEmbeddingProvider create(ParameterSet params, int numItems, int extraRows, int hidden);
  }
}
