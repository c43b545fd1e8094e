package io.llmemb.llm.bert;

/**
 * Shape of a BERT encoder. Everything except {@code heads} and {@code layerNormEps} is read from
 * the initializer shapes of the ONNX file (see {@link BertWeightMapper}); the head count is not
 * recoverable from the weights, so it comes from the {@link EncoderSpec}.
 *
 * @param vocabSize rows of the word embedding table
 * @param hidden model width
 * @param layers number of transformer layers
 * @param heads attention heads (hidden must be divisible by it)
 * @param intermediate FFN width
 * @param maxPositions rows of the position table
 * @param typeVocab rows of the token-type table
 * @param layerNormEps epsilon of every LayerNorm (1e-12 in BERT)
 */
public record BertConfig(
    int vocabSize,
    int hidden,
    int layers,
    int heads,
    int intermediate,
    int maxPositions,
    int typeVocab,
    float layerNormEps) {

  public BertConfig {
    positive("vocabSize", vocabSize);
    positive("hidden", hidden);
    positive("layers", layers);
    positive("heads", heads);
    positive("intermediate", intermediate);
    positive("maxPositions", maxPositions);
    positive("typeVocab", typeVocab);
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " not divisible by heads " + heads);
    }
    if (!(layerNormEps > 0)) {
      throw new IllegalArgumentException("layerNormEps must be > 0: " + layerNormEps);
    }
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + v);
    }
  }

  /** Width of one attention head. */
  public int headDim() {
    return hidden / heads;
  }
}
