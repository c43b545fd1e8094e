package io.llmemb.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

/** Inference turns autograd off for its own duration only, and nests. */
class NoGradTest {

  @Test
  void gradModeIsOffInsideAndTheThreadsModeComesBackAfter() {
    new EngineConfig("cpu", 1, 1, 1).apply();
    JniUtils.setGradMode(true);
    try (NoGrad outer = NoGrad.enter()) {
      assertFalse(JniUtils.isGradMode());
      try (NoGrad inner = NoGrad.enter()) {
        assertFalse(JniUtils.isGradMode());
      }
      assertFalse(JniUtils.isGradMode(), "an inner scope leaves the outer one's mode");
    }
    assertTrue(JniUtils.isGradMode(), "the thread's mode is back");
  }
}
