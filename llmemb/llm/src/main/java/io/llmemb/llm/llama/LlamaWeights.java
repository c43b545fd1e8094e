package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import io.llmemb.llm.lora.Projection;
import java.util.List;

/**
 * All tensors of a decoder, validated against its {@link LlamaConfig}.
 *
 * @param tokenEmbedding {@code [vocab, dim]}
 * @param layers one entry per block
 * @param finalNorm {@code model.norm} gain {@code [dim]}
 * @param lmHead {@code [vocab, dim]}; the token embedding itself when the config ties them
 */
public record LlamaWeights(
    NDArray tokenEmbedding, List<LlamaLayerWeights> layers, NDArray finalNorm, NDArray lmHead) {

  /** Copies the layer list and rejects nulls. */
  public LlamaWeights {
    if (tokenEmbedding == null || finalNorm == null || lmHead == null || layers == null) {
      throw new IllegalArgumentException(
          "tokenEmbedding, layers, finalNorm and lmHead are required");
    }
    layers = List.copyOf(layers);
  }

  /** Throws naming the first tensor whose shape disagrees with {@code config}. */
  public void validate(LlamaConfig config) {
    requireShape("tokenEmbedding", tokenEmbedding, config.vocabSize(), config.dim());
    requireShape("lmHead", lmHead, config.vocabSize(), config.dim());
    requireShape("finalNorm", finalNorm, config.dim());
    if (layers.size() != config.layers()) {
      throw new IllegalArgumentException(
          "config has " + config.layers() + " layers, weights " + layers.size());
    }
    for (int l = 0; l < layers.size(); l++) {
      LlamaLayerWeights layer = layers.get(l);
      requireShape("layer " + l + " attentionNorm", layer.attentionNorm(), config.dim());
      requireShape("layer " + l + " ffnNorm", layer.ffnNorm(), config.dim());
      for (ProjectionName name : ProjectionName.values()) {
        Projection p = layer.projection(name);
        if (p.outFeatures() != name.outFeatures(config)
            || p.inFeatures() != name.inFeatures(config)) {
          throw new IllegalArgumentException(
              name.tensorName(l)
                  + " is ["
                  + p.outFeatures()
                  + ", "
                  + p.inFeatures()
                  + "], expected ["
                  + name.outFeatures(config)
                  + ", "
                  + name.inFeatures(config)
                  + "]");
        }
      }
    }
  }

  private static void requireShape(String what, NDArray array, long... expected) {
    if (!array.getShape().equals(new ai.djl.ndarray.types.Shape(expected))) {
      throw new IllegalArgumentException(
          what
              + " has shape "
              + array.getShape()
              + ", expected "
              + new ai.djl.ndarray.types.Shape(expected));
    }
  }

  /** A copy with every block's projections passed through {@code mapper}. */
  public LlamaWeights mapProjections(ProjectionMapper mapper) {
    List<LlamaLayerWeights> next = new java.util.ArrayList<>(layers.size());
    for (int l = 0; l < layers.size(); l++) {
      next.add(layers.get(l).mapped(l, mapper));
    }
    return new LlamaWeights(tokenEmbedding, next, finalNorm, lmHead);
  }
}
