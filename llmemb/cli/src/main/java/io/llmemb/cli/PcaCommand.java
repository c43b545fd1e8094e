package io.llmemb.cli;

import io.llmemb.pca.PcaTables;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pca}: fit PCA on an embedding artifact, save it and the projected item table. */
@Command(
    name = "pca",
    mixinStandardHelpOptions = true,
    description =
        "Fit PCA (centred, no whitening, float64) on all item embeddings and project them.")
public final class PcaCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      description = "embedding artifact directory from 'embed'")
  Path embeddings;

  @Option(
      names = "--components",
      defaultValue = "128",
      description =
          "d_p <= min(N-1, D) (default ${DEFAULT-VALUE}; the paper uses 1536 for LLaMA-7B)")
  int components;

  @Option(
      names = "--out",
      required = true,
      description =
          "output directory: pca.npy + pca.json, and table/ with the projected embeddings")
  Path out;

  @Override
  public Integer call() throws Exception {
    PcaTables.Fitted f = PcaTables.fitAndSave(embeddings, components, out);
    double kept = 0;
    for (double r : f.model().explainedVarianceRatio()) {
      kept += r;
    }
    System.out.printf(
        "PCA %d -> %d on %d items: %.1f%% of variance kept -> %s%n",
        f.inputDimension(), components, f.items(), 100 * kept, out);
    return 0;
  }
}
