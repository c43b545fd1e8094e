package io.llmemb.llm.lora;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * LoRA hyper-parameters (docs/llmemb-method.md §3: r = 8, α = 32, dropout 0.1 on every projection).
 *
 * @param rank r
 * @param alpha α; the update is scaled by α / r
 * @param dropout dropout on the LoRA branch input during training
 * @param targetModules module roles to adapt (BERT: {@link #BERT_ALL}; LLaMA: {@link #LLAMA_ALL})
 */
public record LoraConfig(int rank, float alpha, float dropout, Set<String> targetModules) {

  /** BERT module roles, named by their PyTorch module path inside a layer. */
  public static final List<String> BERT_ALL =
      List.of(
          "attention.self.query",
          "attention.self.key",
          "attention.self.value",
          "attention.output.dense",
          "intermediate.dense",
          "output.dense");

  /** LLaMA projections as in the paper (docs/llmemb-method.md §3). */
  public static final List<String> LLAMA_ALL =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("rank must be > 0: " + rank);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be > 0: " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
    }
    // Sorted: Set.copyOf iterates in an order salted per JVM, and this set is written into files
    // and cache keys.
    targetModules =
        java.util.Collections.unmodifiableSortedSet(
            new java.util.TreeSet<>(Objects.requireNonNull(targetModules, "targetModules")));
    if (targetModules.isEmpty()) {
      throw new IllegalArgumentException("targetModules must not be empty");
    }
  }

  /** The paper's setting (r 8, α 32, dropout 0.1) on every BERT projection. */
  public static LoraConfig paperDefaultsForBert() {
    return new LoraConfig(8, 32f, 0.1f, Set.copyOf(BERT_ALL));
  }

  /** α / r. */
  public float scale() {
    return alpha / rank;
  }
}
