package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import io.llmemb.engine.Scalars;
import java.util.Objects;

/**
 * A frozen linear layer plus a trainable low-rank update (Hu et al. 2021; docs/llmemb-method.md
 * §3): y = x·Wᵀ + b + (α/r)·dropout(x)·Aᵀ·Bᵀ with A [r, in] Kaiming-uniform and B [out, r] zero, so
 * the adapted layer starts equal to the base layer. Only A and B require gradients. After {@link
 * #merge()} the update is folded into W (W' = W + (α/r)·B·A) and the layer is a plain frozen linear
 * layer again.
 */
public final class LoraLinear implements Projection {

  private final FrozenLinear base;
  private final NDArray loraA;
  private final NDArray loraB;
  private final float scale;
  private final float dropout;
  private FrozenLinear merged;

  /** Wraps {@code base} with freshly initialised A (Kaiming-uniform, a = √5 as PEFT) and zero B. */
  public static LoraLinear initialise(FrozenLinear base, LoraConfig config, NDManager manager) {
    long in = base.weight().getShape().get(1);
    long out = base.weight().getShape().get(0);
    // kaiming_uniform_(a=sqrt(5)) on [r, in]: bound = sqrt(6 / ((1 + a²)·fan_in)) = 1/sqrt(fan_in)
    float bound = (float) (1.0 / Math.sqrt(in));
    NDArray a = manager.randomUniform(-bound, bound, new Shape(config.rank(), in));
    NDArray b = manager.zeros(new Shape(out, config.rank()));
    return new LoraLinear(base, a, b, config.scale(), config.dropout());
  }

  /**
   * Wraps {@code base} with saved adapters {@code {A, B}} (from a {@link LoraCheckpoint}), moved to
   * and owned by {@code manager} (the model's), with {@code config}'s scale and dropout.
   */
  public static LoraLinear restore(
      FrozenLinear base, NDArray[] saved, LoraConfig config, NDManager manager) {
    NDArray a = saved[0].toDevice(manager.getDevice(), false);
    NDArray b = saved[1].toDevice(manager.getDevice(), false);
    a.attach(manager);
    b.attach(manager);
    return new LoraLinear(base, a, b, config.scale(), config.dropout());
  }

  /** Wraps {@code base} with given A [r, in] and B [out, r] (e.g. loaded from a checkpoint). */
  public LoraLinear(FrozenLinear base, NDArray loraA, NDArray loraB, float scale, float dropout) {
    this.base = Objects.requireNonNull(base, "base");
    long in = base.weight().getShape().get(1);
    long out = base.weight().getShape().get(0);
    if (loraA.getShape().dimension() != 2 || loraA.getShape().get(1) != in) {
      throw new IllegalArgumentException("loraA must be [r, " + in + "], got " + loraA.getShape());
    }
    if (!loraB.getShape().equals(new Shape(out, loraA.getShape().get(0)))) {
      throw new IllegalArgumentException(
          "loraB must be [" + out + ", " + loraA.getShape().get(0) + "], got " + loraB.getShape());
    }
    this.loraA = loraA;
    this.loraB = loraB;
    this.scale = scale;
    this.dropout = dropout;
    loraA.setRequiresGradient(true);
    loraB.setRequiresGradient(true);
  }

  @Override
  public NDArray forward(NDArray x, boolean training) {
    if (merged != null) {
      return merged.forward(x, training);
    }
    NDArray y = base.forward(x, training);
    NDArray dropped =
        training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
    NDArray update =
        Scalars.mul(dropped.matMul(loraA.transpose()).matMul(loraB.transpose()), scale);
    return y.add(update);
  }

  /** Folds the update into a new base weight; A and B are no longer used afterwards. */
  public void merge() {
    if (merged == null) {
      NDArray delta = Scalars.mul(loraB.stopGradient().matMul(loraA.stopGradient()), scale);
      merged = new FrozenLinear(base.weight().add(delta), base.bias());
    }
  }

  public boolean isMerged() {
    return merged != null;
  }

  @Override
  public long inFeatures() {
    return base.inFeatures();
  }

  @Override
  public long outFeatures() {
    return base.outFeatures();
  }

  /** A and B until {@link #merge()}, then nothing. */
  @Override
  public NDList trainableParameters() {
    return isMerged() ? new NDList() : new NDList(loraA, loraB);
  }

  public NDArray loraA() {
    return loraA;
  }

  public NDArray loraB() {
    return loraB;
  }

  public float scale() {
    return scale;
  }
}
