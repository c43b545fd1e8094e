package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Plain trainable ID embeddings: the paper's "None" baseline (docs/llmemb-method.md §6).
 *
 * <p>Initialised Xavier-normal like every other 2-D parameter of the official plain backbones
 * (docs/llmemb-method.md §4; a plain N(0, 1) table, the {@code nn.Embedding} default, is available
 * through {@link #factory(float)} and trains far slower: valid NDCG@10 0.05 vs 0.83 after 12 epochs
 * on the synthetic ring data). Row 0 is kept at zero by a constant row mask, the equivalent of
 * {@code padding_idx=0}; the official code lets Xavier fill it (deviation).
 */
public final class IdEmbeddings implements ItemEmbeddingProvider {

  /** Name of the table parameter (also the name the alignment target E_srs is read from). */
  public static final String PARAM_NAME = "item_emb";

  /** Sentinel init std meaning Xavier-normal, std = sqrt(2 / (rows + H)). */
  public static final float XAVIER = 0f;

  /**
   * Default: Xavier-normal, as the official init gives the ID table (§4: "including row 0 of the ID
   * table").
   */
  public static final float DEFAULT_INIT_STD = XAVIER;

  private final NDArray weight;
  private final NDArray rowMask;
  private final int hidden;

  /**
   * @param params receives the trainable table {@value #PARAM_NAME}
   * @param numItems largest item id
   * @param extraRows rows after the items
   * @param hidden H
   */
  public IdEmbeddings(ParameterSet params, int numItems, int extraRows, int hidden) {
    this(params, numItems, extraRows, hidden, DEFAULT_INIT_STD);
  }

  /**
   * @param params receives the trainable table {@value #PARAM_NAME}
   * @param numItems largest item id
   * @param extraRows rows after the items
   * @param hidden H
   * @param initStd standard deviation of the normal initialisation, or {@link #XAVIER}
   */
  public IdEmbeddings(ParameterSet params, int numItems, int extraRows, int hidden, float initStd) {
    int rows = numItems + 1 + extraRows;
    this.hidden = hidden;
    float std = initStd == XAVIER ? (float) Math.sqrt(2.0 / (rows + hidden)) : initStd;
    if (!(std > 0)) {
      throw new IllegalArgumentException("initStd must be > 0 or XAVIER (0), was " + initStd);
    }
    this.weight = params.normal(PARAM_NAME, new Shape(rows, hidden), std);
    float[] mask = new float[rows];
    java.util.Arrays.fill(mask, 1f);
    mask[0] = 0f;
    this.rowMask = params.manager().create(mask, new Shape(rows, 1));
  }

  /** Factory with the default (Xavier-normal) initialisation. */
  public static ItemEmbeddingProvider.Factory factory() {
    return IdEmbeddings::new;
  }

  /** Factory with another initial standard deviation. */
  public static ItemEmbeddingProvider.Factory factory(float initStd) {
    return (params, numItems, extraRows, hidden) ->
        new IdEmbeddings(params, numItems, extraRows, hidden, initStd);
  }

  @Override
  public int rows() {
    return (int) weight.getShape().get(0);
  }

  @Override
  public int hidden() {
    return hidden;
  }

  @Override
  public NDArray table(boolean training) {
    return weight.mul(rowMask);
  }

  @Override
  public NDArray lookup(NDArray ids, boolean training) {
    if (training) {
      return ItemEmbeddingProvider.super.lookup(ids, true);
    }
    // Masking the gathered rows by id != 0 gives exactly the rows of weight * rowMask.
    return Layers.lookup(weight, ids).mul(Layers.nonPadding(ids));
  }
}
