package io.llmemb.trainer;

import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The raw LLM embeddings of a dataset's items, aligned to its internal ids: row r of {@link
 * #rows()} is the vector of internal id r + 1. Built from the latest {@code
 * catalog.item_embeddings} value per item.
 *
 * @param rows row-major [numItems, dim]
 * @param dim embedding width
 * @param llmVersion the one text model all rows come from
 * @param promptVersion the one prompt version all rows come from
 */
public record ItemEmbeddingTable(float[] rows, int dim, String llmVersion, String promptVersion) {

  /**
   * Aligns {@code embeddings} with {@code itemIds}.
   *
   * @param itemIds raw id of internal id i + 1
   * @throws EmbeddingsNotReadyException when an item has no embedding, or the embeddings mix
   *     models, prompt versions or widths (a model migration is half done: retry after the worker's
   *     backfill)
   */
  public static ItemEmbeddingTable align(
      List<String> itemIds, Map<String, ItemEmbedding> embeddings) {
    List<String> missing = itemIds.stream().filter(id -> !embeddings.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      throw new EmbeddingsNotReadyException(
          missing.size()
              + " of "
              + itemIds.size()
              + " items have no embedding on "
              + "catalog.item_embeddings (first: "
              + missing.subList(0, Math.min(5, missing.size()))
              + ")");
    }
    Map<String, Long> versions =
        itemIds.stream()
            .map(embeddings::get)
            .collect(
                Collectors.groupingBy(
                    e ->
                        e.getLlmVersion()
                            + " / "
                            + e.getPromptVersion()
                            + " / "
                            + e.getVector().size(),
                    HashMap::new,
                    Collectors.counting()));
    if (versions.size() != 1) {
      throw new EmbeddingsNotReadyException(
          "item embeddings mix model / prompt version / width: " + versions);
    }
    ItemEmbedding first = embeddings.get(itemIds.get(0));
    int dim = first.getVector().size();
    float[] rows = new float[itemIds.size() * dim];
    for (int i = 0; i < itemIds.size(); i++) {
      List<Float> v = embeddings.get(itemIds.get(i)).getVector();
      for (int j = 0; j < dim; j++) {
        rows[i * dim + j] = v.get(j);
      }
    }
    return new ItemEmbeddingTable(rows, dim, first.getLlmVersion(), first.getPromptVersion());
  }

  /** Number of rows. */
  public int numItems() {
    return rows.length / dim;
  }
}
