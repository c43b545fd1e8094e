package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;

/**
 * Converts q/k projection weights between {@link RopeLayout}s, as transformers' {@code
 * convert_llama_weights_to_hf.py} {@code permute}: within each head, output rows {@code (2i, 2i+1)}
 * become rows {@code (i, i + headDim/2)}. Applying the interleaved rotation to the original rows
 * equals applying the rotate-half rotation to the permuted rows.
 */
public final class RopePermutation {
  private RopePermutation() {}

  /** Interleaved to rotate-half rows of {@code weight [heads * headDim, in]}. */
  public static NDArray toRotateHalf(NDArray weight, int heads) {
    long out = weight.getShape().get(0);
    long in = weight.getShape().get(1);
    return weight.reshape(heads, out / heads / 2, 2, in).transpose(0, 2, 1, 3).reshape(out, in);
  }

  /** Rotate-half to interleaved rows; the inverse of {@link #toRotateHalf}. */
  public static NDArray toInterleaved(NDArray weight, int heads) {
    long out = weight.getShape().get(0);
    long in = weight.getShape().get(1);
    return weight.reshape(heads, 2, out / heads / 2, in).transpose(0, 2, 1, 3).reshape(out, in);
  }
}
