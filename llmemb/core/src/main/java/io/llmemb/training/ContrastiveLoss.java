package io.llmemb.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.Scalars;
import io.llmemb.srs.Layers;

/**
 * The two in-batch contrastive losses of SCFT (docs/llmemb-method.md §3 and trap §7.3). U and V are
 * the [B, H] pooled embeddings of the two views of the same B items.
 */
public enum ContrastiveLoss {

  /**
   * The official code's loss (llama.py:L123-152): logits U·Vᵀ/τ on raw dot products, soft targets
   * row-softmax(τ·(U·Uᵀ + V·Vᵀ)/2) without stop-gradient, symmetric cross-entropy with the positive
   * in the denominator. τ is learnable, initialised at 3.
   */
  CODE {
    @Override
    public NDArray compute(NDArray u, NDArray v, NDArray tau) {
      NDArray logits = u.matMul(v.transpose()).div(tau);
      NDArray targets =
          Scalars.div(u.matMul(u.transpose()).add(v.matMul(v.transpose())).mul(tau), 2).softmax(1);
      NDArray rows = softCrossEntropy(logits, targets);
      NDArray cols = softCrossEntropy(logits.transpose(), targets.transpose());
      return Scalars.div(rows.add(cols), 2).mean();
    }
  },

  /**
   * The paper's loss [slides]: cosine similarity over τ (fixed, ≈0.07), hard targets, positive
   * excluded from the denominator (𝟙[i≠k]); L = L¹ + L² over both view directions.
   */
  PAPER {
    @Override
    public NDArray compute(NDArray u, NDArray v, NDArray tau) {
      NDArray s = Layers.l2Normalize(u).matMul(Layers.l2Normalize(v).transpose()).div(tau);
      return direction(s).add(direction(s.transpose()));
    }

    private NDArray direction(NDArray s) {
      long b = s.getShape().get(0);
      NDManager m = s.getManager();
      NDArray eye = m.eye((int) b).toType(s.getDataType(), false);
      NDArray positives = s.mul(eye).sum(new int[] {1});
      NDArray negatives = logSumExp(s.add(Scalars.mul(eye, NEG_INF)));
      return negatives.sub(positives).mean();
    }
  };

  /** Additive mask that removes the positive from the denominator (exp underflows to 0). */
  private static final float NEG_INF = -1e9f;

  /** Initial τ of the code loss (llama.py:L19). */
  public static final float CODE_TAU_INIT = 3.0f;

  /**
   * τ of the paper loss; not stated by the authors, 0.05–0.1 is usual for cosine InfoNCE (§7.3).
   */
  public static final float PAPER_TAU = 0.07f;

  /** Mean loss over the batch (a scalar NDArray). */
  public abstract NDArray compute(NDArray u, NDArray v, NDArray tau);

  /** Whether τ is a trainable parameter for this loss. */
  public boolean learnableTau() {
    return this == CODE;
  }

  /** The initial τ for this loss. */
  public float initialTau() {
    return this == CODE ? CODE_TAU_INIT : PAPER_TAU;
  }

  /** Row-wise log Σ exp, shifted by the (constant) row max for stability. */
  private static NDArray logSumExp(NDArray x) {
    NDArray max = x.max(new int[] {1}, true).stopGradient();
    return x.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
  }

  private static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
    return targets.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
  }

  /** A scalar τ array of the loss's initial value. */
  public NDArray newTau(NDManager manager) {
    NDArray tau = manager.create(initialTau()).toType(DataType.FLOAT32, false);
    if (learnableTau()) {
      tau.setRequiresGradient(true);
    }
    return tau;
  }
}
