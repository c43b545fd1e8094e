package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Plain trainable ID embeddings: the paper's "None" baseline (method doc §6).
 *
 * <p>Initialised N(0, 1) like PyTorch's {@code nn.Embedding}, since the official init exempts {@code item_emb}
 * from Xavier (§4). Row 0 is kept at zero by a constant row mask, the equivalent of {@code padding_idx=0}.
 */
public final class IdEmbeddings implements ItemEmbeddingProvider {

  /** Name of the table parameter (also the name the alignment target E_srs is read from). */
  public static final String PARAM_NAME = "item_emb";

  /** PyTorch's {@code nn.Embedding} default, kept by the official code (§4). */
  public static final float DEFAULT_INIT_STD = 1f;

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
   * @param initStd standard deviation of the normal initialisation
   */
  public IdEmbeddings(ParameterSet params, int numItems, int extraRows, int hidden, float initStd) {
    int rows = numItems + 1 + extraRows;
    this.hidden = hidden;
    this.weight = params.normal(PARAM_NAME, new Shape(rows, hidden), initStd);
    float[] mask = new float[rows];
    java.util.Arrays.fill(mask, 1f);
    mask[0] = 0f;
    this.rowMask = params.manager().create(mask, new Shape(rows, 1));
  }

  /** Factory with the official N(0, 1) initialisation. */
  public static ItemEmbeddingProvider.Factory factory() {
    return IdEmbeddings::new;
  }

  /** Factory with another initial standard deviation. */
  public static ItemEmbeddingProvider.Factory factory(float initStd) {
    return (params, numItems, extraRows, hidden) -> new IdEmbeddings(params, numItems, extraRows, hidden, initStd);
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
}
