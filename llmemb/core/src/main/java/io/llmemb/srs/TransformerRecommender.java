package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.Scalars;

/**
 * Embedding layer + {@link TransformerEncoder} shared by SASRec (causal) and Bert4Rec
 * (bidirectional), docs/llmemb-method.md §4: {@code x = E[ids]·√H + P[pos]}, dropout, padding
 * zeroed. Positions are the column index + 1 for real items and 0 for padding (the official table
 * has spare rows; {@code maxLen + 1} rows suffice here).
 */
public abstract class TransformerRecommender extends AbstractSequentialRecommender {

  private final boolean causal;
  private final NDArray positions;
  private final TransformerEncoder encoder;

  /**
   * @param name backbone name
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   * @param extraRows provider rows after the items
   * @param causal whether position t may only attend to positions ≤ t
   */
  protected TransformerRecommender(
      String name,
      BackboneConfig config,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory,
      int extraRows,
      boolean causal) {
    super(name, config, numItems, manager, itemFactory, extraRows);
    this.causal = causal;
    this.positions = parameters().xavier("pos_emb", config.maxLen() + 1, config.hidden());
    this.encoder =
        new TransformerEncoder(
            parameters(),
            "encoder",
            config.hidden(),
            config.numBlocks(),
            config.heads(),
            config.dropout());
  }

  /**
   * The inference weights as plain arrays (copies), for a forward pass without the engine; the
   * extra rows (Bert4Rec's [MASK]) are read through the item provider, so they are what {@link
   * #encodeAll} would look up.
   */
  public TransformerWeights weights() {
    int extra = items().rows() - numItems() - 1;
    float[] extraRows = new float[0];
    if (extra > 0) {
      int[] ids = new int[extra];
      for (int i = 0; i < extra; i++) {
        ids[i] = numItems() + 1 + i;
      }
      NDArray rows = items().lookup(parameters().manager().create(ids), false);
      extraRows = rows.toFloatArray();
      rows.close();
    }
    float[][] last = encoder.lastNorm();
    return new TransformerWeights(
        config().hidden(),
        encoder.heads(),
        causal,
        positions.toFloatArray(),
        encoder.blockWeights(),
        last[0],
        last[1],
        numItems(),
        extraRows);
  }

  @Override
  public NDArray encodeAll(NDArray ids, boolean training) {
    BackboneConfig c = config();
    long len = ids.getShape().get(1);
    if (len > c.maxLen()) {
      throw new IllegalArgumentException("input length " + len + " exceeds maxLen " + c.maxLen());
    }
    NDArray keep = Layers.nonPadding(ids); // [B, L, 1]
    NDArray pos =
        ids.getManager()
            .arange(1, (int) len + 1)
            .toType(DataType.INT32, false)
            .expandDims(0)
            .mul(ids.neq(0).toType(DataType.INT32, false));
    NDArray x =
        Scalars.mul(items().lookup(ids, training), (float) Math.sqrt(c.hidden()))
            .add(Layers.lookup(positions, pos));
    x = Layers.dropout(x, c.dropout(), training).mul(keep);
    return encoder.forward(x, Layers.attentionMask(ids, causal), keep, training);
  }
}
