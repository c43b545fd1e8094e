package io.llmemb.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.llmemb.engine.NoGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam (PyTorch semantics: bias-corrected moments, eps added after the square root, no weight
 * decay, constant learning rate as in the official trainer, docs/llmemb-method.md §4/§7.9).
 *
 * <p>Written out rather than DJL's {@code Optimizer.adam()} so the moment buffers are created once
 * up front and every temporary of a step can be released by an {@link NDScope}.
 */
public final class AdamOptimizer {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;
  private static final NDIndex ALL = new NDIndex("...");

  private final float lr;
  private final List<String> names = new ArrayList<>();
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int step;

  /**
   * @param params parameters to optimise (all of them are trainable)
   * @param learningRate constant learning rate
   */
  public AdamOptimizer(Map<String, NDArray> params, double learningRate) {
    this.lr = (float) learningRate;
    for (Map.Entry<String, NDArray> e : params.entrySet()) {
      NDArray w = e.getValue();
      names.add(e.getKey());
      weights.add(w);
      firstMoments.add(w.zerosLike());
      secondMoments.add(w.zerosLike());
    }
  }

  /**
   * Whether every accumulated gradient is finite. A single inf or NaN entry makes both moments of
   * that weight non-finite for good, so a step must never apply one.
   */
  public boolean gradientsFinite() {
    try (NDScope scope = new NDScope()) {
      NDArray total = null;
      for (NDArray w : weights) {
        // NaN and inf survive a sum; one scalar read per step instead of one per weight.
        NDArray s = w.getGradient().sum();
        total = total == null ? s : total.add(s);
      }
      boolean finite = total == null || Float.isFinite(total.getFloat());
      scope.suppressNotUsedWarning();
      return finite;
    }
  }

  /**
   * The names of the weights whose gradient has an inf or NaN entry (for the divergence message).
   */
  public List<String> nonFiniteGradients() {
    List<String> out = new ArrayList<>();
    try (NDScope scope = new NDScope()) {
      for (int i = 0; i < weights.size(); i++) {
        if (!Float.isFinite(weights.get(i).getGradient().sum().getFloat())) {
          out.add(names.get(i));
        }
      }
      scope.suppressNotUsedWarning();
    }
    return out;
  }

  /**
   * Sets every accumulated gradient to 0: a set, not a product, so an inf or NaN entry cannot
   * survive it.
   */
  public void zeroGradients() {
    try (NDScope scope = new NDScope()) {
      weights.forEach(w -> w.getGradient().set(ALL, 0f));
      scope.suppressNotUsedWarning();
    }
  }

  /** Applies one update from the accumulated gradients, then zeroes them. */
  public void step() {
    step++;
    float correction1 = 1f - (float) Math.pow(BETA1, step);
    float correction2 = 1f - (float) Math.pow(BETA2, step);
    // PyTorch's grad mode is per thread and on by default: a thread other than the one that loaded
    // the engine (e.g. the trainer service's scheduler) would otherwise refuse the in-place update
    // of a leaf weight.
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        NDArray grad = w.getGradient();
        NDArray m = firstMoments.get(i);
        NDArray v = secondMoments.get(i);
        m.muli(BETA1).addi(grad.mul(1f - BETA1));
        v.muli(BETA2).addi(grad.square().mul(1f - BETA2));
        NDArray denom = v.div(correction2).sqrt().add(EPS);
        w.subi(m.div(correction1).div(denom).mul(lr));
        grad.set(ALL, 0f);
      }
      scope.suppressNotUsedWarning();
    }
  }
}
