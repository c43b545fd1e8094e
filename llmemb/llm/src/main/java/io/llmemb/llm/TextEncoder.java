package io.llmemb.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A text model that maps a batch of prompts to one mean-pooled vector each (the LLMEmb item
 * embedding before PCA). Both architectures implement it: the BERT-family encoder (MiniLM, BGE) and
 * the LLaMA-family decoder. Which one runs is configuration.
 *
 * <p>Pooling is the attention-masked mean over the real tokens of the last layer's output (after
 * the final norm for LLaMA), as in docs/llmemb-method.md §3. Implementations are deterministic when
 * {@code training} is false.
 */
public interface TextEncoder extends AutoCloseable {

  /** Stable identifier of the weights + LoRA state, recorded in every embedding artifact. */
  String modelId();

  /** Width of the pooled vector. */
  int dimension();

  /** Prompts are truncated to this many tokens (special tokens included). */
  int maxTokens();

  /**
   * Encodes a batch. The result is {@code [texts.size(), dimension()]}, attached to {@code
   * manager}.
   *
   * @param training true inside SCFT: dropout on, gradients flow to {@link #trainableParameters()}
   */
  NDArray encode(NDManager manager, List<String> texts, boolean training);

  /** Parameters SCFT updates (LoRA A/B matrices); empty when nothing is trainable. */
  NDList trainableParameters();

  @Override
  void close();
}
