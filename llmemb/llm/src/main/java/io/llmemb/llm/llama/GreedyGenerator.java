package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.tokenize.TokenBatch;
import java.util.Arrays;

/**
 * Greedy (argmax) continuation, as llama2.c's {@code generate} at temperature 0: stops after {@code
 * steps} tokens, at the context limit, or when BOS is produced (llama2.c's stop rule). Re-runs the
 * full prefix every step: no KV cache, which is fine for the short continuations it is used for
 * (reference tests, demos).
 */
public final class GreedyGenerator {
  private GreedyGenerator() {}

  /** The generated ids, prompt excluded. */
  public static int[] generate(LlamaModel model, int[] prompt, int steps) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("prompt must hold at least one token (e.g. BOS)");
    }
    int limit = Math.min(prompt.length + steps, model.config().maxSeqLen());
    int[] tokens = Arrays.copyOf(prompt, limit);
    int length = prompt.length;
    while (length < limit) {
      int next = argmaxLast(model, Arrays.copyOf(tokens, length));
      if (next == model.tokenizer().bosId()) {
        break;
      }
      tokens[length++] = next;
    }
    return Arrays.copyOfRange(tokens, prompt.length, length);
  }

  private static int argmaxLast(LlamaModel model, int[] prefix) {
    try (NDManager scope = model.newScope()) {
      NDArray logits =
          model.lastPositionLogits(scope, TokenBatch.rightPadded(new int[][] {prefix}, 0));
      return (int) logits.get(0).argMax().getLong();
    }
  }
}
