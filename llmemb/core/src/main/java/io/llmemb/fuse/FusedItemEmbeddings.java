package io.llmemb.fuse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.BundleWriter;
import io.llmemb.bundle.BundledItems;
import io.llmemb.bundle.NewItemAdapter;
import io.llmemb.pca.PcaFitter;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.Layers;
import io.llmemb.srs.ParameterSet;
import java.util.Optional;

/**
 * The fused item representation (docs/llmemb-method.md §10): a text view (frozen LLM matrix →
 * adapter, any {@link ItemEmbeddingProvider}) and an ID view (a trainable table, initialised from a
 * pre-trained SASRec's item embeddings when given), combined per item as {@link FuseConfig.Mode}
 * says.
 *
 * <p>Whatever the mode, the ID view is multiplied by {@code w = [count > 0]} before anything else,
 * so an item with no training interaction is its text view alone: its ID row gets no gradient and
 * cannot change the output (an untrained row carries nothing). Row 0 (padding) is zero because the
 * text view's is and {@code w = 0} there. Extra rows (Bert4Rec's [MASK]) count as warm items with
 * the largest count.
 */
public final class FusedItemEmbeddings
    implements ItemEmbeddingProvider, BundledItems, NewItemAdapter {

  /** Bundle variant name. */
  public static final String VARIANT = "fused";

  /**
   * Name of the ID-view table (distinct from the plain model's {@code item_emb}, which RAT reads as
   * E_srs).
   */
  public static final String ID_PARAM = "fuse_id_emb";

  /** Gate slope over log1p(count), [1, H] ({@link FuseConfig.Mode#GATE}). */
  public static final String GATE_SLOPE_PARAM = "fuse_gate_slope";

  /** Gate bias, [1, H] ({@link FuseConfig.Mode#GATE}). */
  public static final String GATE_BIAS_PARAM = "fuse_gate_bias";

  private final FuseConfig config;
  private final ItemEmbeddingProvider text;
  private final ItemCounts counts;
  private final int hidden;
  private final NDArray idTable;
  private final NDArray warm;
  private final NDArray logCount;
  private final NDArray gateSlope;
  private final NDArray gateBias;
  private final NDArray nullSpace;
  private final float[][] nullSpaceValues;

  /**
   * @param params receives the ID table, the gate and the text view's parameters
   * @param numItems largest item id
   * @param extraRows rows after the items
   * @param hidden H
   * @param config fusion mode and gate initialisation
   * @param textView builds the text view (frozen LLM matrix → adapter); it is asked for the text
   *     width
   * @param counts training interactions per item (from the training split only)
   * @param idInit pre-trained item table [numItems + 1][idWidth] (row 0 ignored), or empty for
   *     Xavier-normal
   * @param nullSpaceInit {@link FuseConfig.Mode#NULL_SPACE}: the projection [H][H] a trained model
   *     used (from its bundle), or empty to compute it from the text view as constructed
   */
  public FusedItemEmbeddings(
      ParameterSet params,
      int numItems,
      int extraRows,
      int hidden,
      FuseConfig config,
      ItemEmbeddingProvider.Factory textView,
      ItemCounts counts,
      Optional<float[][]> idInit,
      Optional<float[][]> nullSpaceInit) {
    if (counts.numItems() != numItems) {
      throw new IllegalArgumentException(
          "item counts cover " + counts.numItems() + " items, model has " + numItems);
    }
    this.config = config;
    this.counts = counts;
    this.hidden = hidden;
    int rows = numItems + 1 + extraRows;
    int textWidth = config.textWidth(hidden);
    int idWidth = config.idWidth(hidden);
    this.text = textView.create(params, numItems, extraRows, textWidth);
    if (text.rows() != rows || text.hidden() != textWidth) {
      throw new IllegalArgumentException(
          "text view gives ["
              + text.rows()
              + ", "
              + text.hidden()
              + "], fusion "
              + "needs ["
              + rows
              + ", "
              + textWidth
              + "]");
    }
    NDManager m = params.manager();
    if (idWidth > 0) {
      this.idTable =
          params.normal(
              ID_PARAM, new Shape(rows, idWidth), (float) Math.sqrt(2.0 / (rows + idWidth)));
      idInit.ifPresent(init -> initialise(idTable, init, numItems, idWidth));
    } else {
      this.idTable =
          null; // text-only ablation: an ID table nothing reads would only be trained on zero
      // gradients
    }
    float[] w = new float[rows];
    float[] logc = new float[rows];
    float[] scaled = counts.logScaled();
    float maxLog = 0;
    for (int i = 1; i <= numItems; i++) {
      w[i] = counts.count(i) > 0 ? 1f : 0f;
      logc[i] = scaled[i];
      maxLog = Math.max(maxLog, scaled[i]);
    }
    for (int i = numItems + 1; i < rows; i++) {
      w[i] = 1f;
      logc[i] = maxLog;
    }
    this.warm = m.create(w, new Shape(rows, 1));
    this.logCount = m.create(logc, new Shape(rows, 1));
    if (config.mode() == FuseConfig.Mode.GATE) {
      this.gateSlope =
          params.constant(GATE_SLOPE_PARAM, new Shape(1, idWidth), config.gateSlopeInit());
      this.gateBias =
          params.constant(GATE_BIAS_PARAM, new Shape(1, idWidth), config.gateBiasInit());
    } else {
      this.gateSlope = null;
      this.gateBias = null;
    }
    if (config.mode() == FuseConfig.Mode.NULL_SPACE) {
      // Fixed at construction: the projection is frozen state, stored in the bundle, never trained.
      this.nullSpaceValues =
          nullSpaceInit.orElseGet(
              () ->
                  nullSpaceProjection(
                      text.table(false),
                      config.nullSpaceRank() > 0
                          ? Math.min(config.nullSpaceRank(), hidden)
                          : hidden / 2));
      if (nullSpaceValues.length != hidden || nullSpaceValues[0].length != hidden) {
        throw new IllegalArgumentException(
            "null-space projection must be [" + hidden + ", " + hidden + "]");
      }
      this.nullSpace = m.create(nullSpaceValues);
    } else {
      this.nullSpaceValues = null;
      this.nullSpace = null;
    }
  }

  /**
   * Factory for a backbone.
   *
   * @param config fusion mode
   * @param textView text-view factory (e.g. the RAT adapter's)
   * @param counts training interactions per item
   * @param idInit pre-trained item table, or empty
   */
  public static ItemEmbeddingProvider.Factory factory(
      FuseConfig config,
      ItemEmbeddingProvider.Factory textView,
      ItemCounts counts,
      Optional<float[][]> idInit) {
    return (params, numItems, extraRows, hidden) ->
        new FusedItemEmbeddings(
            params,
            numItems,
            extraRows,
            hidden,
            config,
            textView,
            counts,
            idInit,
            Optional.empty());
  }

  @Override
  public int rows() {
    return text.rows();
  }

  @Override
  public int hidden() {
    return hidden;
  }

  /** The fusion settings. */
  public FuseConfig config() {
    return config;
  }

  /** The text view. */
  public ItemEmbeddingProvider textView() {
    return text;
  }

  /** The counts the gate reads. */
  public ItemCounts counts() {
    return counts;
  }

  @Override
  public NDArray table(boolean training) {
    NDArray t = text.table(training);
    if (idTable == null) {
      return t;
    }
    NDArray keep = warm;
    if (training && config.idDropout() > 0) {
      // A fresh draw per forward pass: these warm items are their text view alone in this batch, as
      // a cold item is.
      NDArray drawn = warm.getManager().randomUniform(0f, 1f, warm.getShape());
      keep = warm.mul(drawn.gte(config.idDropout()).toType(DataType.FLOAT32, false));
    }
    NDArray v = idTable.mul(keep); // untrained rows (count 0) and padding contribute nothing
    return switch (config.mode()) {
      case GATE -> {
        NDArray m = idWeight(keep);
        yield v.mul(m).add(t.mul(m.neg().add(1f)));
      }
      case CONCAT -> v.concat(t, 1);
      case NULL_SPACE -> t.add(v.matMul(nullSpace));
      case TEXT -> t;
    };
  }

  @Override
  public NDArray lookup(NDArray ids, boolean training) {
    if (training) {
      return ItemEmbeddingProvider.super.lookup(ids, true);
    }
    // Every step of table() is per row, so the looked-up rows alone give the same vectors.
    NDArray t = text.lookup(ids, false);
    if (idTable == null) {
      return t;
    }
    NDArray keep = Layers.lookup(warm, ids);
    NDArray v = Layers.lookup(idTable, ids).mul(keep);
    return switch (config.mode()) {
      case GATE -> {
        NDArray m =
            Activation.sigmoid(Layers.lookup(logCount, ids).matMul(gateSlope).add(gateBias))
                .mul(keep);
        yield v.mul(m).add(t.mul(m.neg().add(1f)));
      }
      case CONCAT -> v.concat(t, -1);
      case NULL_SPACE -> t.add(v.matMul(nullSpace));
      case TEXT -> t;
    };
  }

  /**
   * Per-row, per-dimension weight of the ID view in {@link FuseConfig.Mode#GATE} mode: σ(a·log1p(c)
   * + b)·[c > 0], [rows, H]; exactly 0 for items with no training interaction.
   */
  public NDArray idWeight() {
    return idWeight(warm);
  }

  private NDArray idWeight(NDArray keep) {
    if (gateSlope == null) {
      throw new IllegalStateException("mode " + config.mode() + " has no gate");
    }
    return Activation.sigmoid(logCount.matMul(gateSlope).add(gateBias)).mul(keep);
  }

  /**
   * The fused vector of an item with count 0 given its text-view vector, as {@link #table} computes
   * it: the text view itself, or in {@link FuseConfig.Mode#CONCAT} mode the text view behind a zero
   * ID half. This is how a brand-new item is scored before any retraining.
   *
   * @param config fusion mode
   * @param textVector the item's text-view row, width {@link FuseConfig#textWidth}
   * @param hidden H
   */
  public static float[] coldVector(FuseConfig config, float[] textVector, int hidden) {
    if (textVector.length != config.textWidth(hidden)) {
      throw new IllegalArgumentException(
          "text vector has " + textVector.length + " values, expected " + config.textWidth(hidden));
    }
    float[] out = new float[hidden];
    System.arraycopy(textVector, 0, out, hidden - textVector.length, textVector.length);
    return out;
  }

  /** The frozen null-space projection [H][H] ({@link FuseConfig.Mode#NULL_SPACE} only). */
  public Optional<float[][]> nullSpaceProjection() {
    return Optional.ofNullable(nullSpaceValues);
  }

  /**
   * A new item has no training interaction: its vector is its text view's, as {@link #table} gives
   * count 0.
   */
  @Override
  public float[] adaptNewItem(float[] llmEmbedding) {
    return coldVector(config, textAdapter().adaptNewItem(llmEmbedding), hidden);
  }

  @Override
  public String llmVersion() {
    return textAdapter().llmVersion();
  }

  @Override
  public String variant() {
    return VARIANT;
  }

  @Override
  public void writeParts(BundleWriter writer) throws BundleException {
    if (!(text instanceof BundledItems textParts)) {
      throw new BundleException(
          BundleException.Kind.INVALID_REQUEST,
          FusedBundleParts.CONFIG,
          "a text view that can be bundled",
          text.getClass().getName(),
          "cannot bundle this fused model");
    }
    textParts.writeParts(writer);
    FusedBundleParts.write(writer, this, textParts.variant());
  }

  private NewItemAdapter textAdapter() {
    if (!(text instanceof NewItemAdapter a)) {
      throw new IllegalStateException(
          "text view " + text.getClass().getName() + " cannot adapt new items");
    }
    return a;
  }

  private static void initialise(NDArray table, float[][] init, int numItems, int width) {
    if (init.length != numItems + 1) {
      throw new IllegalArgumentException(
          "pre-trained item table has " + init.length + " rows, expected " + (numItems + 1));
    }
    float[] flat = table.toFloatArray();
    for (int i = 1; i <= numItems; i++) {
      if (init[i].length != width) {
        throw new IllegalArgumentException(
            "pre-trained item table row "
                + i
                + " has "
                + init[i].length
                + " values, the ID view is "
                + width
                + " wide");
      }
      System.arraycopy(init[i], 0, flat, i * width, width);
    }
    java.util.Arrays.fill(flat, 0, width, 0f);
    table.set(flat);
  }

  /**
   * I − V Vᵀ with V the top-{@code rank} right singular vectors of the text table (rows are items).
   */
  private static float[][] nullSpaceProjection(NDArray textTable, int rank) {
    int rows = (int) textTable.getShape().get(0);
    int cols = (int) textTable.getShape().get(1);
    double[][] v = PcaFitter.rightSingularVectors(textTable.toFloatArray(), rows, cols, rank);
    float[][] p = new float[cols][cols];
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < rank; k++) {
          s -= v[k][i] * v[k][j];
        }
        p[i][j] = (float) s;
      }
    }
    return p;
  }
}
