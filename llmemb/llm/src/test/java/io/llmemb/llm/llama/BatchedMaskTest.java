package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.tokenize.TokenBatch;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Right-padded batches must pool exactly like one-at-a-time encoding: proves the causal + padding
 * masks.
 */
class BatchedMaskTest {
  private static final List<String> PROMPTS =
      List.of(
          "Title: Toy Story (1995). Genres: Adventure, Animation, Children.",
          "Title: Heat (1995). Genres: Action.",
          "A",
          "Once upon a time, there was a little girl named Lily who loved to play outside in the sun.");
  private static LlamaModel model;

  @BeforeAll
  static void load() {
    model = Stories260k.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void batchedEqualsSingle() {
    try (NDManager scope = model.newScope()) {
      NDArray batched = model.encode(scope, PROMPTS, false);
      assertEquals(PROMPTS.size(), batched.getShape().get(0));
      for (int i = 0; i < PROMPTS.size(); i++) {
        float[] single = model.encode(scope, List.of(PROMPTS.get(i)), false).toFloatArray();
        double error = Stories260k.maxRelativeError(batched.get(i).toFloatArray(), single);
        assertTrue(error < 1e-5, "prompt " + i + " differs between batched and single: " + error);
      }
    }
  }

  @Test
  void paddingWithoutMaskWouldChangeThePooledVector() {
    // Guard that the test above can fail: pooling over padding positions changes the result.
    TokenBatch batch = model.promptEncoder().encodeBatch(PROMPTS.subList(1, 3));
    int[] allPositions = {batch.width(), batch.width()};
    TokenBatch unmasked = new TokenBatch(batch.ids(), allPositions, batch.width());
    try (NDManager scope = model.newScope()) {
      float[] masked = model.encodeTokens(scope, batch, false).get(1).toFloatArray();
      float[] padded = model.encodeTokens(scope, unmasked, false).get(1).toFloatArray();
      assertTrue(Stories260k.maxRelativeError(padded, masked) > 1e-3);
    }
  }

  @Test
  void promptPolicyHasNoBosAndEndsWithEos() {
    int[] ids = model.promptEncoder().encode("Title: Heat (1995).");
    assertTrue(ids[0] != model.tokenizer().bosId());
    assertEquals(model.tokenizer().eosId(), ids[ids.length - 1]);
  }
}
