package io.llmemb.pca;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fits PCA by symmetric eigendecomposition of the D×D covariance in float64 (EJML). D is the
 * encoder width (384 for MiniLM, 4096 for LLaMA-7B), so the covariance route is cheaper than an SVD
 * of the N×D matrix for N ≫ D and gives the same axes. The library's one eigen route: {@link
 * #rightSingularVectors} serves the fused model's null-space projection the same way.
 */
public final class PcaFitter {

  private PcaFitter() {}

  /**
   * Fits on all rows (docs/llmemb-method.md §3: every item, no labels).
   *
   * @param rows row-major [n, d] float32 matrix
   * @param components k, with 1 ≤ k ≤ min(n − 1, d) (trap §7.12)
   */
  public static PcaModel fit(float[] rows, int n, int d, int components) {
    if (n < 2 || (long) n * d != rows.length) {
      throw new IllegalArgumentException(
          "need n >= 2 rows of width " + d + ", got " + rows.length + " values for n = " + n);
    }
    int maxK = Math.min(n - 1, d);
    if (components < 1 || components > maxK) {
      throw new IllegalArgumentException(
          "components must be in 1..min(N-1, D) = " + maxK + ", got " + components);
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += rows[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    DMatrixRMaj cov = scatter(rows, n, d, mean);
    CommonOps_DDRM.divide(cov, n - 1);
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += cov.get(j, j);
    }
    double[] variance = new double[components];
    double[][] axes = leadingEigenvectors(cov, components, variance);
    return new PcaModel(mean, axes, variance, total, n);
  }

  /**
   * The top {@code k} right singular vectors of the uncentred row matrix X (the eigenvectors of
   * XᵀX, largest singular value first), each of unit length with its largest-magnitude entry
   * positive: the same eigen route as {@link #fit}, without the centring.
   *
   * @param rows row-major [n, d] float32 matrix
   * @param k 0 ≤ k ≤ d
   */
  public static double[][] rightSingularVectors(float[] rows, int n, int d, int k) {
    if ((long) n * d != rows.length || k < 0 || k > d) {
      throw new IllegalArgumentException(
          "need n x d = "
              + n
              + " x "
              + d
              + " values and 0 <= k <= d, got "
              + rows.length
              + " values and k = "
              + k);
    }
    return leadingEigenvectors(scatter(rows, n, d, new double[d]), k, new double[k]);
  }

  /** (X − 1·meanᵀ)ᵀ(X − 1·meanᵀ) in float64, [d, d]. */
  private static DMatrixRMaj scatter(float[] rows, int n, int d, double[] mean) {
    DMatrixRMaj centred = new DMatrixRMaj(n, d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred.unsafe_set(i, j, rows[i * d + j] - mean[j]);
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransA(centred, centred, out);
    return out;
  }

  /**
   * The eigenvectors of the {@code k} largest eigenvalues of a symmetric matrix, sign-fixed; their
   * eigenvalues (clamped at 0) go into {@code values}.
   */
  private static double[][] leadingEigenvectors(DMatrixRMaj symmetric, int k, double[] values) {
    int d = symmetric.getNumRows();
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(symmetric)) {
      throw new IllegalStateException(
          "eigendecomposition of a " + d + "x" + d + " symmetric matrix failed");
    }
    Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).getReal()));
    double[][] vectors = new double[k][];
    for (int i = 0; i < k; i++) {
      DMatrixRMaj v = eig.getEigenVector(order[i]);
      vectors[i] = signFixed(v.getData().clone());
      values[i] = Math.max(0, eig.getEigenvalue(order[i]).getReal());
    }
    return vectors;
  }

  private static double[] signFixed(double[] v) {
    double norm = 0;
    int argMax = 0;
    for (int j = 0; j < v.length; j++) {
      norm += v[j] * v[j];
      if (Math.abs(v[j]) > Math.abs(v[argMax])) {
        argMax = j;
      }
    }
    double scale = (v[argMax] < 0 ? -1 : 1) / Math.sqrt(norm);
    for (int j = 0; j < v.length; j++) {
      v[j] *= scale;
    }
    return v;
  }
}
