package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.llmemb.engine.EngineConfig;
import io.llmemb.training.AdamOptimizer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's grad mode is per thread and on by default, so a training step on a thread other than
 * the one that loaded the engine (the trainer service's scheduler threads) must still update its
 * leaf weights in place.
 */
class AdamOptimizerThreadTest {

  @Test
  void stepsOnAFreshThread() throws Exception {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 7).apply())) {
      NDArray w = m.create(new float[] {1f, -2f, 3f});
      w.setRequiresGradient(true);
      AdamOptimizer optimizer = new AdamOptimizer(Map.of("w", w), 0.1);
      float[] before = w.toFloatArray();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread worker =
          new Thread(
              () -> {
                try {
                  try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(w.square().sum());
                  }
                  optimizer.step();
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "fresh-grad-mode-thread");
      worker.start();
      worker.join();
      assertNull(failure.get(), () -> "step failed on a fresh thread: " + failure.get());
      float[] after = w.toFloatArray();
      for (int i = 0; i < before.length; i++) {
        // the gradient of sum(w^2) is 2w, so each weight moves towards 0
        assertTrue(
            Math.abs(after[i]) < Math.abs(before[i]), "weight " + i + " did not move towards 0");
      }
    }
  }
}
