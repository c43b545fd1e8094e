package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.llmemb.llm.lora.Projection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The LoRA seam: wrapping projections via {@link LlamaModel#replaceProjections} reaches all 7 x
 * layers projections, exposes their parameters, and gradients flow from the pooled embedding into
 * them in training mode.
 */
class ProjectionSeamTest {

  /** A LoRA-shaped stand-in: base(x) + x·Aᵀ·Bᵀ with a trainable rank-1 pair. */
  private static final class RankOne implements Projection {
    private final Projection base;
    private final NDArray a;
    private final NDArray b;

    RankOne(Projection base, NDManager manager) {
      this.base = base;
      this.a = manager.ones(new Shape(1, base.inFeatures())).mul(0.01f);
      this.b = manager.zeros(new Shape(base.outFeatures(), 1));
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
      NDArray delta =
          ai.djl.nn.core.Linear.linear(ai.djl.nn.core.Linear.linear(x, a).singletonOrThrow(), b)
              .singletonOrThrow();
      return base.forward(x, training).add(delta);
    }

    @Override
    public long inFeatures() {
      return base.inFeatures();
    }

    @Override
    public long outFeatures() {
      return base.outFeatures();
    }

    @Override
    public NDList trainableParameters() {
      return new NDList(a, b);
    }
  }

  @Test
  void wrappersAreInstalledAndTrainable() {
    try (LlamaModel model = Stories260k.load();
        NDManager params = model.newScope()) {
      List<String> prompts = List.of("Title: Heat (1995).", "Once upon a time");
      float[] before;
      try (NDManager scope = model.newScope()) {
        before = model.encode(scope, prompts, false).toFloatArray();
      }
      AtomicInteger wrapped = new AtomicInteger();
      model.replaceProjections(
          (layer, name, base) -> {
            wrapped.incrementAndGet();
            return new RankOne(base, params);
          },
          "llama2c:stories260K+rank1");
      assertEquals(7 * model.config().layers(), wrapped.get());
      assertEquals(2 * 7 * model.config().layers(), model.trainableParameters().size());
      assertEquals("llama2c:stories260K+rank1", model.modelId());

      try (NDManager scope = model.newScope()) {
        // B = 0: the wrapped model computes exactly the base function, as LoRA does at
        // initialisation.
        float[] after = model.encode(scope, prompts, false).toFloatArray();
        assertTrue(Stories260k.maxRelativeError(after, before) < 1e-6);
      }
      try (NDManager scope = model.newScope();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray pooled = model.encode(scope, prompts, true);
        gc.backward(pooled.square().sum());
        NDArray gradB = model.trainableParameters().get(1).getGradient();
        assertTrue(
            gradB.abs().sum().getFloat() > 0, "gradient reaches the wrapped q_proj of layer 0");
      }
    }
  }

  @Test
  void shapeChangingWrapperIsRejected() {
    try (LlamaModel model = Stories260k.load();
        NDManager params = model.newScope()) {
      Linear wrong = new Linear(params.zeros(new Shape(3, 3)));
      assertThrows(
          IllegalArgumentException.class,
          () -> model.replaceProjections((l, n, base) -> wrong, "x"));
    }
  }
}
