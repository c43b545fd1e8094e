package io.llmemb.serving.encoding;

/**
 * The two matrix kernels a small transformer's forward pass needs, {@code Y += X·W} and one query's
 * dot products with the rows of a matrix, on row-major blocks addressed by offset and leading
 * dimension, so that one head's slice of a [n, H] matrix is an operand without a copy. Pick one
 * with {@link #best()}.
 */
public interface GemmKernel {

  /**
   * {@code y[yOff + i*ldy + j] += Σ_k x[xOff + i*ldx + k] · w[wOff + k*ldw + j]} for {@code i <
   * rows}, {@code j < cols}, {@code k < inner}.
   */
  void gemm(
      int rows,
      int inner,
      int cols,
      float[] x,
      int xOff,
      int ldx,
      float[] w,
      int wOff,
      int ldw,
      float[] y,
      int yOff,
      int ldy);

  /**
   * {@code out[outOff + j] = Σ_c q[qOff + c] · k[kOff + j*ldk + c]} for {@code j < rows}, {@code c
   * < width}: one query against rows of a matrix (attention scores), without transposing it.
   */
  void dots(int rows, int width, float[] q, int qOff, float[] k, int kOff, int ldk, float[] out);

  /** Short name for logs and benchmark tables. */
  String name();

  /**
   * The Vector API kernel when the JVM was started with {@code --add-modules jdk.incubator.vector},
   * else the scalar loops (same results up to float rounding).
   */
  static GemmKernel best() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? VectorGemm.create()
        : new ScalarGemm();
  }
}
