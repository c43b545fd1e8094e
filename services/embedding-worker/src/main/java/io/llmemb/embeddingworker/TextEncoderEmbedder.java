package io.llmemb.embeddingworker;

import ai.djl.ndarray.NDManager;
import io.llmemb.llm.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Embedder} over the method library's {@link TextEncoder} (MiniLM/BGE, LoRA merged when
 * configured).
 */
public final class TextEncoderEmbedder implements Embedder {

  private final TextEncoder encoder;

  /** Takes ownership of {@code encoder}: {@link #close()} closes it. */
  public TextEncoderEmbedder(TextEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public String llmVersion() {
    return encoder.modelId();
  }

  @Override
  public List<float[]> embed(List<String> prompts) {
    if (prompts.isEmpty()) {
      return List.of();
    }
    int dim = encoder.dimension();
    float[] flat;
    // A manager per batch frees the batch's native memory as soon as the vectors are copied out.
    try (NDManager nd = NDManager.newBaseManager()) {
      flat = encoder.encode(nd, prompts, false).toFloatArray();
    }
    List<float[]> out = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      out.add(Arrays.copyOfRange(flat, i * dim, (i + 1) * dim));
    }
    return out;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
