package io.llmemb.rat;

import io.llmemb.bundle.Bundle;
import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.BundleWriter;
import io.llmemb.bundle.NpyArray;
import io.llmemb.pca.PcaModel;
import java.io.IOException;

/**
 * The frozen state of a {@code rat} bundle besides its parameters: {@value #CONFIG} (adapter shape,
 * text versions, PCA scalars), {@value #TABLE} (the LLM table E_llm without its padding row,
 * float32 [N, d]) and, when the table was PCA-reduced, {@value #PCA_MEAN} [D], {@value
 * #PCA_COMPONENTS} [d, D] and {@value #PCA_VARIANCE} [d] so serving projects a new item's raw
 * embedding the same way. The PCA is stored as float32 (numpy-readable like every part); training
 * used float64, so a re-projected training item differs from its table row by float rounding only.
 */
final class RatBundleParts {

  static final String CONFIG = "rat-config.json";
  static final String TABLE = "rat-llm-table.npy";
  static final String PCA_MEAN = "rat-pca-mean.npy";
  static final String PCA_COMPONENTS = "rat-pca-components.npy";
  static final String PCA_VARIANCE = "rat-pca-variance.npy";

  /**
   * Content of {@value #CONFIG}.
   *
   * @param adapter adapter shape
   * @param llmVersion text model id of the embeddings
   * @param promptVersion prompt version of the embeddings
   * @param numItems N
   * @param dim d
   * @param pca whether the PCA parts are present
   * @param pcaTotalVariance total variance of the PCA input (0 without PCA)
   * @param pcaFittedRows rows the PCA was fitted on (0 without PCA)
   */
  record Config(
      AdapterConfig adapter,
      String llmVersion,
      String promptVersion,
      int numItems,
      int dim,
      boolean pca,
      double pcaTotalVariance,
      int pcaFittedRows) {}

  private RatBundleParts() {}

  static void write(BundleWriter writer, AdapterConfig adapter, LlmTable table)
      throws BundleException {
    PcaModel pca = table.pca();
    writer.putJson(
        CONFIG,
        new Config(
            adapter,
            table.llmVersion(),
            table.promptVersion(),
            table.numItems(),
            table.dim(),
            pca != null,
            pca == null ? 0 : pca.totalVariance(),
            pca == null ? 0 : pca.fittedRows()));
    writer.putNpy(
        TABLE,
        new NpyArray(
            NpyArray.FLOAT32, new int[] {table.numItems(), table.dim()}, table.rows(), null));
    if (pca != null) {
      writer.putNpy(PCA_MEAN, NpyArray.of(toFloat(pca.mean())));
      float[][] comps = new float[pca.outputDimension()][];
      for (int k = 0; k < comps.length; k++) {
        comps[k] = toFloat(pca.components()[k]);
      }
      writer.putNpy(PCA_COMPONENTS, NpyArray.of(comps));
      writer.putNpy(PCA_VARIANCE, NpyArray.of(toFloat(pca.explainedVariance())));
    }
  }

  static Config config(Bundle bundle) throws IOException {
    return bundle.json(CONFIG, Config.class);
  }

  static LlmTable read(Bundle bundle, Config c) throws IOException {
    NpyArray rows = bundle.npy(TABLE);
    requireShape(rows, TABLE, c.numItems(), c.dim());
    PcaModel pca = null;
    if (c.pca()) {
      NpyArray mean = bundle.npy(PCA_MEAN);
      float[][] comps = bundle.npy(PCA_COMPONENTS).toFloatMatrix();
      NpyArray variance = bundle.npy(PCA_VARIANCE);
      int raw = mean.shape()[0];
      if (comps.length != c.dim() || comps[0].length != raw || variance.shape()[0] != c.dim()) {
        throw new BundleException(
            BundleException.Kind.MALFORMED,
            PCA_COMPONENTS,
            "[" + c.dim() + ", " + raw + "]",
            "[" + comps.length + ", " + comps[0].length + "]",
            "PCA parts do not fit together");
      }
      double[][] dc = new double[comps.length][];
      for (int k = 0; k < comps.length; k++) {
        dc[k] = toDouble(comps[k]);
      }
      pca =
          new PcaModel(
              toDouble(mean.floats()),
              dc,
              toDouble(variance.floats()),
              c.pcaTotalVariance(),
              c.pcaFittedRows());
    }
    return new LlmTable(
        c.numItems(), c.dim(), rows.floats(), c.llmVersion(), c.promptVersion(), pca);
  }

  private static void requireShape(NpyArray a, String part, int rows, int cols)
      throws BundleException {
    int[] s = a.shape();
    if (s.length != 2 || s[0] != rows || s[1] != cols || a.floats() == null) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          part,
          "float32 [" + rows + ", " + cols + "]",
          a.toString(),
          "LLM table shape differs from " + CONFIG);
    }
  }

  private static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  private static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }
}
