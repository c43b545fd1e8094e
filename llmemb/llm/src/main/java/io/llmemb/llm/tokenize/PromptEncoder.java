package io.llmemb.llm.tokenize;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LLMEmb prompt policy (docs/llmemb-method.md §2, llm/data_processor/llama.py:L36-50): encode
 * without BOS, truncate to {@code maxTokens - 1} ids, append EOS, right-pad with the unk id. Counts
 * truncated prompts so callers can log how many were cut (docs/llmemb-method.md §8 asks for it).
 */
public final class PromptEncoder {
  private final LlamaTokenizer tokenizer;
  private final int maxTokens;
  private final AtomicLong truncated = new AtomicLong();

  /**
   * @param maxTokens tokens per prompt including EOS, at least 2
   */
  public PromptEncoder(LlamaTokenizer tokenizer, int maxTokens) {
    if (maxTokens < 2) {
      throw new IllegalArgumentException(
          "maxTokens must be >= 2 (one text token + EOS), got " + maxTokens);
    }
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  /** Encodes one prompt: text ids (truncated) followed by EOS. */
  public int[] encode(String text) {
    int[] ids = tokenizer.encode(text, false);
    int keep = Math.min(ids.length, maxTokens - 1);
    if (keep < ids.length) {
      truncated.incrementAndGet();
    }
    int[] out = Arrays.copyOf(ids, keep + 1);
    out[keep] = tokenizer.eosId();
    return out;
  }

  /**
   * Encodes and right-pads a batch with the unk id (docs/llmemb-method.md §2: pad = unk = 0 for
   * LLaMA).
   */
  public TokenBatch encodeBatch(List<String> texts) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("texts is empty");
    }
    int[][] rows = texts.stream().map(this::encode).toArray(int[][]::new);
    return TokenBatch.rightPadded(rows, tokenizer.unkId());
  }

  /** Prompts cut so far. */
  public long truncatedCount() {
    return truncated.get();
  }

  /** Tokens per prompt including EOS. */
  public int maxTokens() {
    return maxTokens;
  }
}
