package io.llmemb.llm.llama;

/**
 * Which dimensions of a head RoPE rotates together. The two layouts are the same model up to a
 * fixed row permutation of {@code wq} and {@code wk} (see {@link RopePermutation}), so a checkpoint
 * must be run in the layout it was written for.
 */
public enum RopeLayout {
  /** llama2.c and Meta's original checkpoints: pairs (2i, 2i+1) of each head. */
  INTERLEAVED,
  /**
   * Hugging Face {@code LlamaForCausalLM} ("rotate half"): pairs (i, i + headDim/2). HF's converter
   * permutes the rows of q/k so that this layout computes the same function as the interleaved
   * original.
   */
  ROTATE_HALF
}
