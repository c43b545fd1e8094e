package io.llmemb.serving.encoding;

/**
 * The matrix kernels a small transformer's forward pass needs (a linear layer's product,
 * attention's dot products and weighted sums) on row-major blocks addressed by offset and leading
 * dimension, so that one head's slice of a [n, H] matrix is an operand without a copy. Pick one
 * with {@link #best()}.
 */
public interface GemmKernel {

  /**
   * A linear layer's product over {@code rows} rows: {@code y[yOff + i*h + j] += Σ_k x[xOff + i*h +
   * k] · w[k*h + j]} for {@code i < rows}, {@code j, k < h}; {@code w} is a row-major [h, h]
   * matrix.
   */
  void linear(int rows, int h, float[] x, int xOff, float[] w, float[] y, int yOff);

  /**
   * Attention's weighted sum of value rows: {@code y[yOff + c] += Σ_j p[j] · v[vOff + j*ldv + c]}
   * for {@code j < n}, {@code c < width}.
   */
  void weightedSum(int n, int width, float[] p, float[] v, int vOff, int ldv, float[] y, int yOff);

  /** Short name for logs and benchmark tables. */
  String name();

  /**
   * The Vector API kernel when the JVM was started with {@code --add-modules jdk.incubator.vector},
   * else the scalar loops (same results up to float rounding).
   */
  static GemmKernel best() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? new VectorGemm()
        : new ScalarGemm();
  }
}
