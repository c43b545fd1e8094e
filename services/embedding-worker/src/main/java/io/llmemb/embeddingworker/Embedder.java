package io.llmemb.embeddingworker;

import java.util.List;

/** Turns a batch of prompts into one vector each (the raw LLM item embedding, before PCA). */
public interface Embedder extends AutoCloseable {

  /**
   * Model identity written into {@code ItemEmbedding.llmVersion}; vectors of different versions
   * differ.
   */
  String llmVersion();

  /** One vector per prompt, in order. */
  List<float[]> embed(List<String> prompts);

  @Override
  void close();
}
