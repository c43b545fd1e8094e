package io.llmemb.pca;

import io.llmemb.files.Provenance;
import io.llmemb.text.EmbeddingArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fits PCA on an embedding artifact and writes the fitted model beside the projected item table:
 * the one step the {@code pca} command and the experiment pipeline share.
 */
public final class PcaTables {

  /** Sub-directory of the output holding the projected item table. */
  public static final String TABLE_DIR = "table";

  private PcaTables() {}

  /**
   * What {@link #fitAndSave} produced.
   *
   * @param model the fitted PCA
   * @param inputDimension D of the embeddings
   * @param items rows fitted
   */
  public record Fitted(PcaModel model, int inputDimension, int items) {}

  /**
   * Fits PCA on the embedding artifact in {@code embeddings} and writes {@code pca.npy} + {@code
   * pca.json} and, in {@value #TABLE_DIR}/, the projected embeddings as an embedding artifact.
   */
  public static Fitted fitAndSave(Path embeddings, int components, Path out) throws IOException {
    EmbeddingArtifact a = EmbeddingArtifact.load(embeddings);
    EmbeddingArtifact.Manifest m = a.manifest();
    PcaModel model = PcaFitter.fit(a.matrix(), m.numItems(), m.dimension(), components);
    // The embeddings' provenance, when they carry one, re-stamped by this build with the PCA's
    // setting.
    Provenance provenance =
        m.provenance() == null
            ? null
            : m.provenance().derived(Map.of("pca.components", Integer.toString(components)));
    PcaArtifact.save(out, model, m.modelId(), m.promptVersion(), provenance);
    EmbeddingArtifact.Manifest table =
        new EmbeddingArtifact.Manifest(
            EmbeddingArtifact.FORMAT_VERSION,
            m.modelId() + "+pca" + components,
            m.promptVersion(),
            m.numItems(),
            components,
            m.maxTokens(),
            "float32",
            "",
            "",
            m.truncatedPrompts(),
            m.instructionOnlyPrompts(),
            m.duplicateRawIds(),
            m.emptyValueItems(),
            m.nonLatinItems(),
            m.itemSource(),
            provenance);
    EmbeddingArtifact.save(
        out.resolve(TABLE_DIR),
        table,
        a.rawItemIds(),
        model.transformAll(a.matrix(), m.numItems()));
    return new Fitted(model, m.dimension(), m.numItems());
  }
}
