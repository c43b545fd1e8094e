package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.llm.tokenize.TokenBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stories260K against llama2.c's own C forward pass (ref_*.json): ids, pooled hidden state, logits,
 * greedy.
 */
class Llama2cReferenceTest {
  static final double TOLERANCE = 1e-4;
  private static final int GREEDY_STEPS = 40;
  private static LlamaModel model;

  @BeforeAll
  static void load() {
    model = Stories260k.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref_once.json", "ref_item.json"})
  void reproducesLlama2c(String name) {
    JsonNode ref = Stories260k.reference(name);
    int[] ids = model.tokenizer().encode(ref.get("prompt").asText(), true);
    assertArrayEquals(Stories260k.ints(ref.get("prompt_token_ids")), ids, "token ids");
    assertEquals(ref.get("prompt").asText(), model.tokenizer().decode(ids), "decode round trip");

    TokenBatch batch = TokenBatch.rightPadded(new int[][] {ids}, 0);
    try (NDManager scope = model.newScope()) {
      NDArray pooled = model.encodeTokens(scope, batch, false);
      double poolError =
          Stories260k.maxRelativeError(
              pooled.toFloatArray(), Stories260k.floats(ref.get("mean_pooled_final_norm_hidden")));
      assertTrue(poolError < TOLERANCE, "pooled hidden error " + poolError);

      float[] logits = model.lastPositionLogits(scope, batch).toFloatArray();
      double logitError =
          Stories260k.maxRelativeError(logits, Stories260k.floats(ref.get("last_position_logits")));
      assertTrue(logitError < TOLERANCE, "logit error " + logitError);
    }
    assertArrayEquals(
        Stories260k.ints(ref.get("greedy_next_40_ids")),
        GreedyGenerator.generate(model, ids, GREEDY_STEPS),
        "greedy continuation");
  }
}
