package io.llmemb.bundle;

/**
 * Implemented by item-embedding providers with a text view: turns the raw LLM embedding of an item
 * the model never saw into an item vector, which is how {@link ServingModel#adaptNewItem(float[])}
 * scores brand-new items.
 */
public interface NewItemAdapter {

  /**
   * @param llmEmbedding the raw LLM embedding (before PCA), as on {@code catalog.item_embeddings}
   * @return the item vector [H], computed in inference mode
   * @throws IllegalArgumentException if the width is not the one the model was trained with
   */
  float[] adaptNewItem(float[] llmEmbedding);

  /**
   * Encoder id and prompt version of the text the provider was trained on ({@code
   * modelId/promptVersion}).
   */
  String llmVersion();
}
