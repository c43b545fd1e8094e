package io.llmemb.cli;

import io.llmemb.llm.EmbeddingArtifact;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pca}: fit PCA on an embedding artifact, save it and the projected item table. */
@Command(name = "pca", mixinStandardHelpOptions = true,
    description = "Fit PCA (centred, no whitening, float64) on all item embeddings and project them.")
public final class PcaCommand implements Callable<Integer> {

  /** Sub-directory of the output holding the projected item table. */
  public static final String TABLE_DIR = "table";

  @Option(names = "--embeddings", required = true, description = "embedding artifact directory from 'embed'")
  Path embeddings;

  @Option(names = "--components", defaultValue = "128",
      description = "d_p <= min(N-1, D) (default ${DEFAULT-VALUE}; the paper uses 1536 for LLaMA-7B)")
  int components;

  @Option(names = "--out", required = true,
      description = "output directory: pca.npy + pca.json, and table/ with the projected embeddings")
  Path out;

  @Override
  public Integer call() throws Exception {
    Fitted f = fitAndSave(embeddings, components, out);
    double kept = 0;
    for (double r : f.model().explainedVarianceRatio()) {
      kept += r;
    }
    System.out.printf("PCA %d -> %d on %d items: %.1f%% of variance kept -> %s%n", f.inputDimension(), components,
        f.items(), 100 * kept, out);
    return 0;
  }

  /**
   * What {@link #fitAndSave} produced.
   *
   * @param model the fitted PCA
   * @param inputDimension D of the embeddings
   * @param items rows fitted
   */
  public record Fitted(PcaModel model, int inputDimension, int items) {}

  /**
   * Fits PCA on the embedding artifact in {@code embeddings} and writes {@code pca.npy} + {@code pca.json} and, in
   * {@code table/}, the projected embeddings as an embedding artifact.
   */
  public static Fitted fitAndSave(Path embeddings, int components, Path out) throws IOException {
    EmbeddingArtifact a = EmbeddingArtifact.load(embeddings);
    EmbeddingArtifact.Manifest m = a.manifest();
    PcaModel model = PcaFitter.fit(a.matrix(), m.numItems(), m.dimension(), components);
    PcaArtifact.save(out, model, m.modelId(), m.promptVersion());
    EmbeddingArtifact.Manifest table = new EmbeddingArtifact.Manifest(EmbeddingArtifact.FORMAT_VERSION,
        m.modelId() + "+pca" + components, m.promptVersion(), m.numItems(), components, m.maxTokens(),
        "float32", "", "", m.truncatedPrompts(), m.instructionOnlyPrompts(), m.duplicateRawIds(),
        m.emptyValueItems(), m.nonLatinItems(), m.itemSource());
    EmbeddingArtifact.save(out.resolve(TABLE_DIR), table, a.rawItemIds(),
        model.transformAll(a.matrix(), m.numItems()));
    return new Fitted(model, m.dimension(), m.numItems());
  }
}
