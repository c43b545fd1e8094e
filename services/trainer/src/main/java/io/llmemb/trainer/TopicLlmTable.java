package io.llmemb.trainer;

import io.llmemb.data.PreparedDataset;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.LlmTable;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.List;
import java.util.Map;

/**
 * The text input of the text-aware trainers (RAT and fused): the item embeddings published on
 * {@code catalog.item_embeddings}, aligned to a snapshot's internal ids and reduced by PCA fitted
 * on them. The PCA travels in the table, so serving projects a brand-new item's raw embedding the
 * same way.
 */
final class TopicLlmTable {

  private TopicLlmTable() {}

  /**
   * @param data the snapshot; every one of its items needs an embedding
   * @param embeddings the latest embedding per raw item id
   * @param pcaComponents upper bound of the PCA width; the table is {@code min(pcaComponents, N -
   *     1, d)} wide (PCA cannot give more components than items minus one or input columns)
   * @throws EmbeddingsNotReadyException when items lack an embedding or the embeddings mix versions
   */
  static LlmTable build(
      PreparedDataset data, Map<String, ItemEmbedding> embeddings, int pcaComponents) {
    int n = data.split().numItems();
    List<String> itemIds = data.catalog().rawItemIds().subList(1, n + 1);
    ItemEmbeddingTable raw = ItemEmbeddingTable.align(itemIds, embeddings);
    int components = Math.min(pcaComponents, Math.min(n - 1, raw.dim()));
    PcaModel pca = PcaFitter.fit(raw.rows(), n, raw.dim(), components);
    return new LlmTable(
        n, components, pca.transformAll(raw.rows(), n), raw.llmVersion(), raw.promptVersion(), pca);
  }
}
