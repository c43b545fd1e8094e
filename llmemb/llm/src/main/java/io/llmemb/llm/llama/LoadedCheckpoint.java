package io.llmemb.llm.llama;

/**
 * What a loader returns: the architecture and the tensors, already validated against each other.
 *
 * @param config architecture (including the RoPE layout the weights were written for)
 * @param weights tensors attached to the loader's manager
 */
public record LoadedCheckpoint(LlamaConfig config, LlamaWeights weights) {

  /** Checks that the weights fit the config. */
  public LoadedCheckpoint {
    weights.validate(config);
  }
}
