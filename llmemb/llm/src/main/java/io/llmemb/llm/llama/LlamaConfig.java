package io.llmemb.llm.llama;

/**
 * Architecture hyper-parameters of a LLaMA-family decoder.
 *
 * @param dim model width (HF {@code hidden_size})
 * @param hiddenDim SwiGLU width (HF {@code intermediate_size})
 * @param layers number of decoder blocks
 * @param heads query heads
 * @param kvHeads key/value heads; fewer than {@code heads} means grouped-query attention
 * @param vocabSize rows of the token embedding and of the LM head
 * @param maxSeqLen longest sequence the checkpoint was trained for
 * @param normEps RMSNorm epsilon
 * @param ropeTheta RoPE base
 * @param tiedEmbeddings whether the LM head reuses the token embedding
 * @param ropeLayout pairing convention of the q/k weights
 */
public record LlamaConfig(
    int dim,
    int hiddenDim,
    int layers,
    int heads,
    int kvHeads,
    int vocabSize,
    int maxSeqLen,
    float normEps,
    float ropeTheta,
    boolean tiedEmbeddings,
    RopeLayout ropeLayout) {

  /** Validates every component and the divisibility rules attention needs. */
  public LlamaConfig {
    requirePositive("dim", dim);
    requirePositive("hiddenDim", hiddenDim);
    requirePositive("layers", layers);
    requirePositive("heads", heads);
    requirePositive("kvHeads", kvHeads);
    requirePositive("vocabSize", vocabSize);
    requirePositive("maxSeqLen", maxSeqLen);
    if (dim % heads != 0 || (dim / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          "dim " + dim + " must split into " + heads + " heads of even size");
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "heads " + heads + " must be a multiple of kvHeads " + kvHeads);
    }
    if (!(normEps > 0) || !(ropeTheta > 0)) {
      throw new IllegalArgumentException(
          "normEps and ropeTheta must be > 0, got " + normEps + ", " + ropeTheta);
    }
    if (ropeLayout == null) {
      throw new IllegalArgumentException("ropeLayout is null");
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /** Width of one attention head. */
  public int headDim() {
    return dim / heads;
  }

  /** Width of the key/value projections. */
  public int kvDim() {
    return kvHeads * headDim();
  }

  /** Query heads sharing one key/value head. */
  public int groupSize() {
    return heads / kvHeads;
  }

  /** The same architecture with another RoPE layout (weights must be permuted accordingly). */
  public LlamaConfig withRopeLayout(RopeLayout layout) {
    return new LlamaConfig(
        dim,
        hiddenDim,
        layers,
        heads,
        kvHeads,
        vocabSize,
        maxSeqLen,
        normEps,
        ropeTheta,
        tiedEmbeddings,
        layout);
  }
}
