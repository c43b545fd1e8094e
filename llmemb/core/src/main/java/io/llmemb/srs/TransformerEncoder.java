package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * The SASRec/Bert4Rec stack of docs/llmemb-method.md §4: {@code numBlocks} pre-LN blocks, then a
 * final LayerNorm.
 *
 * <p>One block: {@code Q = LN(x); x = Q + MHA(Q, x, x); x = LN(x); x = x + FFN(x); x *=
 * nonPadding}, where FFN is the official pair of 1×1 convolutions (a position-wise linear layer)
 * Conv → Dropout → ReLU → Conv → Dropout. The attention mask is passed in by the caller (causal +
 * key padding for SASRec, key padding for Bert4Rec), fixing the official code's missing mask
 * (§7.2).
 */
public final class TransformerEncoder {

  private final int hidden;
  private final int heads;
  private final float dropout;
  private final NDArray[][] blocks;
  private final NDArray lastGamma;
  private final NDArray lastBeta;

  private static final int LN1_G = 0;
  private static final int LN1_B = 1;
  private static final int WQ = 2;
  private static final int BQ = 3;
  private static final int WK = 4;
  private static final int BK = 5;
  private static final int WV = 6;
  private static final int BV = 7;
  private static final int WO = 8;
  private static final int BO = 9;
  private static final int LN2_G = 10;
  private static final int LN2_B = 11;
  private static final int W1 = 12;
  private static final int B1 = 13;
  private static final int W2 = 14;
  private static final int B2 = 15;
  private static final int PER_BLOCK = 16;

  /**
   * @param params where the weights are registered (prefix {@code prefix})
   * @param prefix parameter name prefix
   * @param hidden model width H (divisible by {@code heads})
   * @param numBlocks number of blocks
   * @param heads attention heads
   * @param dropout attention and FFN dropout rate
   */
  public TransformerEncoder(
      ParameterSet params, String prefix, int hidden, int numBlocks, int heads, float dropout) {
    if (hidden % heads != 0) {
      throw new IllegalArgumentException(
          "hidden " + hidden + " is not divisible by heads " + heads);
    }
    this.hidden = hidden;
    this.heads = heads;
    this.dropout = dropout;
    this.blocks = new NDArray[numBlocks][PER_BLOCK];
    Shape vec = new Shape(hidden);
    float convBound = (float) (1.0 / Math.sqrt(hidden));
    for (int b = 0; b < numBlocks; b++) {
      String p = prefix + ".block" + b + ".";
      NDArray[] w = blocks[b];
      w[LN1_G] = params.constant(p + "attn_ln.gamma", vec, 1f);
      w[LN1_B] = params.constant(p + "attn_ln.beta", vec, 0f);
      w[WQ] = params.xavier(p + "attn.wq", hidden, hidden);
      w[BQ] = params.constant(p + "attn.bq", vec, 0f);
      w[WK] = params.xavier(p + "attn.wk", hidden, hidden);
      w[BK] = params.constant(p + "attn.bk", vec, 0f);
      w[WV] = params.xavier(p + "attn.wv", hidden, hidden);
      w[BV] = params.constant(p + "attn.bv", vec, 0f);
      w[WO] = params.xavier(p + "attn.wo", hidden, hidden);
      w[BO] = params.constant(p + "attn.bo", vec, 0f);
      w[LN2_G] = params.constant(p + "ffn_ln.gamma", vec, 1f);
      w[LN2_B] = params.constant(p + "ffn_ln.beta", vec, 0f);
      w[W1] = params.xavier(p + "ffn.conv1", hidden, hidden);
      w[B1] = params.uniform(p + "ffn.conv1_bias", vec, convBound);
      w[W2] = params.xavier(p + "ffn.conv2", hidden, hidden);
      w[B2] = params.uniform(p + "ffn.conv2_bias", vec, convBound);
    }
    lastGamma = params.constant(prefix + ".last_ln.gamma", vec, 1f);
    lastBeta = params.constant(prefix + ".last_ln.beta", vec, 0f);
  }

  /**
   * @param x [B, L, H] input (already scaled, position-embedded, dropped out and padding-zeroed)
   * @param attnMask [B, L, L] additive mask from {@link Layers#attentionMask}
   * @param keep [B, L, 1] non-padding mask
   * @param training whether dropout is active
   * @return [B, L, H]
   */
  public NDArray forward(NDArray x, NDArray attnMask, NDArray keep, boolean training) {
    for (NDArray[] w : blocks) {
      NDArray q = Layers.layerNorm(x, w[LN1_G], w[LN1_B]);
      x = q.add(attention(q, x, attnMask, w, training));
      x = Layers.layerNorm(x, w[LN2_G], w[LN2_B]);
      NDArray ffn =
          Layers.dropout(Layers.linear(x, w[W1], w[B1]), dropout, training)
              .getNDArrayInternal()
              .relu();
      ffn = Layers.dropout(Layers.linear(ffn, w[W2], w[B2]), dropout, training);
      x = x.add(ffn).mul(keep);
    }
    return Layers.layerNorm(x, lastGamma, lastBeta);
  }

  /** The weights as plain arrays (a copy), for {@link TransformerWeights}. */
  List<TransformerWeights.Block> blockWeights() {
    List<TransformerWeights.Block> out = new ArrayList<>(blocks.length);
    for (NDArray[] w : blocks) {
      out.add(
          new TransformerWeights.Block(
              w[LN1_G].toFloatArray(),
              w[LN1_B].toFloatArray(),
              w[WQ].toFloatArray(),
              w[BQ].toFloatArray(),
              w[WK].toFloatArray(),
              w[BK].toFloatArray(),
              w[WV].toFloatArray(),
              w[BV].toFloatArray(),
              w[WO].toFloatArray(),
              w[BO].toFloatArray(),
              w[LN2_G].toFloatArray(),
              w[LN2_B].toFloatArray(),
              w[W1].toFloatArray(),
              w[B1].toFloatArray(),
              w[W2].toFloatArray(),
              w[B2].toFloatArray()));
    }
    return out;
  }

  /** Final LayerNorm scale and shift (copies). */
  float[][] lastNorm() {
    return new float[][] {lastGamma.toFloatArray(), lastBeta.toFloatArray()};
  }

  int heads() {
    return heads;
  }

  private NDArray attention(
      NDArray query, NDArray kv, NDArray attnMask, NDArray[] w, boolean training) {
    long b = query.getShape().get(0);
    long len = query.getShape().get(1);
    int headDim = hidden / heads;
    NDArray q = split(Layers.linear(query, w[WQ], w[BQ]), b, len, headDim);
    NDArray k = split(Layers.linear(kv, w[WK], w[BK]), b, len, headDim);
    NDArray v = split(Layers.linear(kv, w[WV], w[BV]), b, len, headDim);
    NDArray scores =
        Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(headDim)); // [B, h, L, L]
    scores = scores.add(attnMask.expandDims(1));
    NDArray probs = Layers.dropout(scores.softmax(-1), dropout, training);
    NDArray ctx = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, len, hidden); // [B, L, H]
    return Layers.linear(ctx, w[WO], w[BO]);
  }

  private NDArray split(NDArray x, long b, long len, int headDim) {
    return x.reshape(b, len, heads, headDim).transpose(0, 2, 1, 3);
  }
}
