package io.llmemb.rat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.BundleWriter;
import io.llmemb.bundle.BundledItems;
import io.llmemb.bundle.NewItemAdapter;
import io.llmemb.engine.Scalars;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.Layers;
import io.llmemb.srs.ParameterSet;
import java.util.Arrays;

/**
 * The RAT item table (docs/llmemb-method.md §4): a frozen LLM matrix E_llm (row 0 = padding zeros,
 * rows 1..N = the items' PCA-reduced LLM embeddings, aligned to internal ids with no off-by-one,
 * §7.1) through a trainable {@link Adapter} to the backbone's H. The adapter output replaces the ID
 * table both for the input sequence and for scoring, for any backbone, through {@link
 * ItemEmbeddingProvider}.
 *
 * <p>Row 0 of the output is forced to zero (the provider contract; the official code lets the
 * adapter bias through, which SASRec then zeroes anyway). Extra rows (Bert4Rec's [MASK]) are a
 * learned vector initialised N(0, {@value AdapterConfig#MASK_INIT_STD}²), as the official
 * Adapter.py overwrites that row after the adapter. With {@link AdapterConfig#freezeLlm()} false
 * the LLM matrix is the trainable parameter {@value #LLM_PARAM}, initialised from the LLM rows (the
 * "w/o freeze" ablation); frozen, it is a constant no gradient reaches.
 */
public final class AdapterEmbeddings
    implements ItemEmbeddingProvider, BundledItems, NewItemAdapter {

  /** Bundle variant name. */
  public static final String VARIANT = "rat";

  /** Parameter name of the LLM matrix when it is trainable. */
  public static final String LLM_PARAM = "llm_emb";

  /** Parameter name of the learned extra rows ([MASK]). */
  public static final String EXTRA_PARAM = "adapter_extra_emb";

  /** Parameter name prefix of the adapter layers. */
  public static final String ADAPTER_PREFIX = "adapter";

  private final AdapterConfig config;
  private final LlmTable source;
  private final Adapter adapter;
  private final NDArray llm;
  private final NDArray rowMask;
  private final NDArray extra;
  private final NDManager manager;
  private final int hidden;
  private final int rows;

  /**
   * @param params receives the adapter weights (and the LLM matrix when not frozen, and the extra
   *     rows)
   * @param numItems largest item id; must equal the table's
   * @param extraRows rows after the items (1 for Bert4Rec's [MASK])
   * @param hidden H
   * @param config adapter shape; its input width must equal the table's
   * @param source the LLM table
   */
  public AdapterEmbeddings(
      ParameterSet params,
      int numItems,
      int extraRows,
      int hidden,
      AdapterConfig config,
      LlmTable source) {
    if (source.numItems() != numItems) {
      throw new IllegalArgumentException(
          "LLM table has " + source.numItems() + " items, the dataset has " + numItems);
    }
    if (config.inputDim() != source.dim()) {
      throw new IllegalArgumentException(
          "adapter input width " + config.inputDim() + " != LLM table width " + source.dim());
    }
    this.config = config;
    this.source = source;
    this.hidden = hidden;
    this.rows = numItems + 1 + extraRows;
    this.manager = params.manager();
    float[] padded = new float[(numItems + 1) * source.dim()];
    System.arraycopy(source.rows(), 0, padded, source.dim(), source.rows().length);
    Shape llmShape = new Shape(numItems + 1, source.dim());
    if (config.freezeLlm()) {
      this.llm = manager.create(padded, llmShape);
    } else {
      this.llm = params.constant(LLM_PARAM, llmShape, 0f);
      llm.set(padded);
    }
    this.adapter = new Adapter(params, ADAPTER_PREFIX, config, hidden);
    this.extra =
        extraRows == 0
            ? null
            : params.normal(EXTRA_PARAM, new Shape(extraRows, hidden), AdapterConfig.MASK_INIT_STD);
    float[] mask = new float[numItems + 1];
    Arrays.fill(mask, 1f);
    mask[0] = 0f;
    this.rowMask = manager.create(mask, new Shape(numItems + 1, 1));
  }

  /**
   * Factory for {@link io.llmemb.srs.Backbones#create}: the backbone supplies sizes, this the text
   * side.
   */
  public static ItemEmbeddingProvider.Factory factory(AdapterConfig config, LlmTable source) {
    return (params, numItems, extraRows, hidden) ->
        new AdapterEmbeddings(params, numItems, extraRows, hidden, config, source);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int hidden() {
    return hidden;
  }

  @Override
  public NDArray table(boolean training) {
    NDArray items = adapter.forward(llm, training).mul(rowMask); // [N+1, H], padding row zero
    return extra == null ? items : NDArrays.concat(new ai.djl.ndarray.NDList(items, extra), 0);
  }

  @Override
  public NDArray lookup(NDArray ids, boolean training) {
    if (training) {
      return ItemEmbeddingProvider.super.lookup(ids, true);
    }
    int numItems = (int) llm.getShape().get(0) - 1;
    // The adapter works row by row, so adapting only the looked-up LLM rows gives the table's rows.
    NDArray isItem =
        ids.neq(0).logicalAnd(ids.lte(numItems)).toType(DataType.FLOAT32, false).expandDims(-1);
    NDArray items =
        adapter.forward(Layers.lookup(llm, Scalars.minimum(ids, numItems)), false).mul(isItem);
    if (extra == null) {
      return items;
    }
    // Extra rows ([MASK]) come from a small table whose row 0 is zero, so item positions get + 0.
    NDArray extraTable =
        NDArrays.concat(new ai.djl.ndarray.NDList(manager.zeros(new Shape(1, hidden)), extra), 0);
    return items.add(Layers.lookup(extraTable, Scalars.maximum(ids.sub(numItems), 0)));
  }

  /**
   * The adapted rows of the given item ids, {@code adapter(E_llm[ids])}: what the alignment loss
   * compares with E_srs (docs/llmemb-method.md §4).
   *
   * @param ids item ids in 1..N (any shape)
   * @return [..., H]
   */
  public NDArray adapted(NDArray ids, boolean training) {
    return adapter.forward(Layers.lookup(llm, ids), training);
  }

  /** The LLM matrix E_llm [N+1, d] (row 0 padding), a constant when frozen. */
  public NDArray llmMatrix() {
    return llm;
  }

  /** The adapter network. */
  public Adapter adapter() {
    return adapter;
  }

  /** The adapter shape. */
  public AdapterConfig config() {
    return config;
  }

  /** The LLM table the provider was built from. */
  public LlmTable source() {
    return source;
  }

  @Override
  public float[] adaptNewItem(float[] llmEmbedding) {
    float[] row = source.project(llmEmbedding);
    try (NDScope scope = new NDScope()) {
      float[] out =
          adapter.forward(manager.create(row, new Shape(1, row.length)), false).toFloatArray();
      scope.suppressNotUsedWarning();
      return out;
    }
  }

  @Override
  public String llmVersion() {
    return source.llmVersion();
  }

  @Override
  public String variant() {
    return VARIANT;
  }

  @Override
  public void writeParts(BundleWriter writer) throws BundleException {
    RatBundleParts.write(writer, config, source);
  }
}
