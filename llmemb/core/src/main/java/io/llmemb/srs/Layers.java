package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.llmemb.engine.Scalars;

/**
 * Stateless building blocks shared by every backbone: lookup, linear, layer norm, dropout, masks.
 */
public final class Layers {

  /** LayerNorm epsilon of the official SASRec/Bert4Rec (docs/llmemb-method.md §4). */
  public static final float LAYER_NORM_EPS = 1e-8f;

  /**
   * Additive logit for a masked attention key: large but finite so fully masked rows give no NaN.
   */
  public static final float MASKED_LOGIT = -1e9f;

  private Layers() {}

  /**
   * Rows of {@code table} for integer ids {@code ids} (any shape); differentiable w.r.t. the table.
   */
  public static NDArray lookup(NDArray table, NDArray ids) {
    return table.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** {@code x·W + b} with {@code W} stored as [in, out]; {@code b} may be null. */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    NDArray y = x.matMul(weight);
    return bias == null ? y : y.add(bias);
  }

  /** LayerNorm over the last dimension. */
  public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
    return x.getNDArrayInternal()
        .layerNorm(
            x,
            new Shape(x.getShape().get(x.getShape().dimension() - 1)),
            gamma,
            beta,
            LAYER_NORM_EPS)
        .singletonOrThrow();
  }

  /** Inverted dropout, identity when not training or when the rate is 0. */
  public static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate <= 0f) {
      return x;
    }
    return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
  }

  /** [B, L, 1] float mask, 1 for real items (id != 0), 0 for padding. */
  public static NDArray nonPadding(NDArray ids) {
    return ids.neq(0).toType(DataType.FLOAT32, false).expandDims(-1);
  }

  /**
   * Additive attention mask [B, L, L]: {@link #MASKED_LOGIT} where query i must not see key j.
   *
   * @param ids [B, L] item ids (0 = padding); padding keys are always masked (docs/llmemb-method.md
   *     §7.2)
   * @param causal also mask keys after the query (SASRec); false for bidirectional (Bert4Rec)
   */
  public static NDArray attentionMask(NDArray ids, boolean causal) {
    NDManager m = ids.getManager();
    long len = ids.getShape().get(1);
    NDArray keyOk = ids.neq(0).expandDims(1); // [B, 1, L]
    NDArray allowed = keyOk;
    if (causal) {
      allowed = keyOk.logicalAnd(lowerTriangle(m, (int) len).expandDims(0));
    }
    return Scalars.mul(allowed.logicalNot().toType(DataType.FLOAT32, false), MASKED_LOGIT);
  }

  private static NDArray lowerTriangle(NDManager m, int len) {
    boolean[] lower = new boolean[len * len];
    for (int i = 0; i < len; i++) {
      for (int j = 0; j <= i; j++) {
        lower[i * len + j] = true;
      }
    }
    return m.create(lower, new Shape(len, len));
  }

  /**
   * Row-wise L2 normalisation (only where configured: LLMEmb itself does not normalise embeddings).
   */
  public static NDArray l2Normalize(NDArray x) {
    return x.div(Scalars.maximum(x.norm(new int[] {-1}, true), 1e-12f));
  }
}
