package io.llmemb.rat;

import io.llmemb.pca.PcaModel;
import io.llmemb.text.EmbeddingArtifact;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The frozen LLM item table E_llm of docs/llmemb-method.md §4 before the padding row is added: row
 * r is internal item id r + 1 (1..N; no off-by-one, §7.1), already projected by {@code pca} when
 * there is one, with the versions of the text model that produced it. {@link #project(float[])}
 * applies the same projection to a new item's raw embedding.
 *
 * @param numItems N
 * @param dim d, width of the rows
 * @param rows row-major [N, d]
 * @param llmVersion text model id that produced the raw embeddings (as {@code
 *     ItemEmbedding.llmVersion})
 * @param promptVersion prompt template version of those embeddings
 * @param pca projection from the raw embedding width to d, or null when rows are raw embeddings
 */
public record LlmTable(
    int numItems, int dim, float[] rows, String llmVersion, String promptVersion, PcaModel pca) {

  public LlmTable {
    Objects.requireNonNull(llmVersion, "llmVersion");
    Objects.requireNonNull(promptVersion, "promptVersion");
    if (numItems < 1 || dim < 1 || rows.length != (long) numItems * dim) {
      throw new IllegalArgumentException(
          "LLM table needs " + numItems + " x " + dim + " values, has " + rows.length);
    }
    if (pca != null && pca.outputDimension() != dim) {
      throw new IllegalArgumentException(
          "PCA gives " + pca.outputDimension() + " columns, table has " + dim);
    }
  }

  /**
   * Aligns an embedding artifact with a dataset's internal ids and projects it.
   *
   * @param embeddings artifact from {@code embed} (row r = internal id r + 1)
   * @param pca fitted on those embeddings (from {@code pca}), or null to use the raw rows
   * @param rawItemIds the dataset's raw id of internal id i + 1, or null to skip the check
   * @throws IllegalArgumentException naming the first mismatch when the artifact is not of this
   *     dataset
   */
  public static LlmTable of(EmbeddingArtifact embeddings, PcaModel pca, List<String> rawItemIds) {
    EmbeddingArtifact.Manifest m = embeddings.manifest();
    if (rawItemIds != null) {
      if (rawItemIds.size() != m.numItems()) {
        throw new IllegalArgumentException(
            "embedding artifact has " + m.numItems() + " items, dataset has " + rawItemIds.size());
      }
      for (int i = 0; i < rawItemIds.size(); i++) {
        if (!rawItemIds.get(i).equals(embeddings.rawItemIds().get(i))) {
          throw new IllegalArgumentException(
              "embedding artifact row "
                  + i
                  + " is raw item '"
                  + embeddings.rawItemIds().get(i)
                  + "', dataset item id "
                  + (i + 1)
                  + " is '"
                  + rawItemIds.get(i)
                  + "': the embeddings were made for another dataset");
        }
      }
    }
    if (pca == null) {
      return new LlmTable(
          m.numItems(), m.dimension(), embeddings.matrix(), m.modelId(), m.promptVersion(), null);
    }
    if (pca.inputDimension() != m.dimension()) {
      throw new IllegalArgumentException(
          "PCA expects "
              + pca.inputDimension()
              + "-d input, embeddings are "
              + m.dimension()
              + "-d");
    }
    return new LlmTable(
        m.numItems(),
        pca.outputDimension(),
        pca.transformAll(embeddings.matrix(), m.numItems()),
        m.modelId(),
        m.promptVersion(),
        pca);
  }

  /** The projection, when rows were projected. */
  public Optional<PcaModel> projection() {
    return Optional.ofNullable(pca);
  }

  /** Width of the raw embeddings this table accepts in {@link #project}. */
  public int rawDim() {
    return pca == null ? dim : pca.inputDimension();
  }

  /** A new item's raw embedding in table space (PCA applied when there is one). */
  public float[] project(float[] raw) {
    if (raw.length != rawDim()) {
      throw new IllegalArgumentException(
          "LLM embedding has width "
              + raw.length
              + ", the model was trained on "
              + rawDim()
              + "-d embeddings of "
              + llmVersion);
    }
    if (pca == null) {
      return raw.clone();
    }
    double[] y = pca.transform(raw);
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) y[i];
    }
    return out;
  }
}
