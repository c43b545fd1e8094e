package io.llmemb.pca;

import java.util.Objects;

/**
 * A fitted PCA (docs/llmemb-method.md §3, results/convert.ipynb): centred, not whitened, float64.
 * Serving applies the same mean and components to new items: y = (x − mean)·componentsᵀ.
 *
 * @param mean [D] training mean
 * @param components [k][D] unit-norm principal axes, by decreasing variance; each axis's
 *     largest-magnitude entry is positive (sklearn's deterministic sign convention)
 * @param explainedVariance [k] variance along each axis (divided by N − 1, as sklearn)
 * @param totalVariance sum of the variances of all D input dimensions
 * @param fittedRows N used for the fit
 */
public record PcaModel(
    double[] mean,
    double[][] components,
    double[] explainedVariance,
    double totalVariance,
    int fittedRows) {

  public PcaModel {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(components, "components");
    Objects.requireNonNull(explainedVariance, "explainedVariance");
    if (components.length != explainedVariance.length) {
      throw new IllegalArgumentException(
          "components ("
              + components.length
              + ") and explainedVariance ("
              + explainedVariance.length
              + ") differ in length");
    }
    for (double[] c : components) {
      if (c.length != mean.length) {
        throw new IllegalArgumentException(
            "component width " + c.length + " != mean width " + mean.length);
      }
    }
  }

  /** Input width D. */
  public int inputDimension() {
    return mean.length;
  }

  /** Output width k. */
  public int outputDimension() {
    return components.length;
  }

  /** Share of total variance each component explains. */
  public double[] explainedVarianceRatio() {
    double[] r = new double[explainedVariance.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = totalVariance == 0 ? 0 : explainedVariance[i] / totalVariance;
    }
    return r;
  }

  /** Projects one vector. */
  public double[] transform(float[] x) {
    if (x.length != mean.length) {
      throw new IllegalArgumentException("input width " + x.length + " != " + mean.length);
    }
    double[] y = new double[components.length];
    for (int k = 0; k < components.length; k++) {
      double s = 0;
      double[] c = components[k];
      for (int j = 0; j < x.length; j++) {
        s += (x[j] - mean[j]) * c[j];
      }
      y[k] = s;
    }
    return y;
  }

  /** Maps a projection back to input space: mean + y·components. */
  public double[] inverseTransform(double[] y) {
    double[] x = mean.clone();
    for (int k = 0; k < y.length; k++) {
      for (int j = 0; j < x.length; j++) {
        x[j] += y[k] * components[k][j];
      }
    }
    return x;
  }

  /** Projects every row of a row-major [n, D] matrix into a row-major [n, k] float32 matrix. */
  public float[] transformAll(float[] rows, int n) {
    int d = mean.length;
    int k = components.length;
    float[] out = new float[n * k];
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows, i * d, row, 0, d);
      double[] y = transform(row);
      for (int j = 0; j < k; j++) {
        out[i * k + j] = (float) y[j];
      }
    }
    return out;
  }
}
