package io.llmemb.serving.scoring;

/**
 * Dot products of one query with a block of row-major vectors: the inner loop of exact top-K. Pick
 * one with {@link #best()}.
 */
public interface DotKernel {

  /**
   * Writes {@code query · row r} to {@code out[r]} for rows {@code 0..rows-1} of {@code block}.
   *
   * @param block row-major vectors of width {@code query.length}
   */
  default void dots(float[] query, float[] block, int rows, float[] out) {
    dots(rows, query.length, query, 0, block, 0, query.length, out);
  }

  /**
   * {@code out[j] = Σ_c q[qOff + c] · k[kOff + j*ldk + c]} for {@code j < rows}, {@code c < width}:
   * one query against rows of a matrix that may be a slice of a wider one (a head's columns in
   * attention).
   */
  default void dots(
      int rows, int width, float[] q, int qOff, float[] k, int kOff, int ldk, float[] out) {
    for (int j = 0; j < rows; j++) {
      int kj = kOff + j * ldk;
      float s = 0f;
      for (int c = 0; c < width; c++) {
        s += q[qOff + c] * k[kj + c];
      }
      out[j] = s;
    }
  }

  /**
   * {@code query} · the vector at {@code block[offset .. offset + query.length)}: one row, as a
   * graph search scores its candidates one at a time.
   */
  default float dot(float[] query, float[] block, int offset) {
    float s = 0f;
    for (int j = 0; j < query.length; j++) {
      s += query[j] * block[offset + j];
    }
    return s;
  }

  /** Short name for logs and benchmark tables. */
  String name();

  /**
   * The JDK Vector API kernel when the JVM was started with {@code --add-modules
   * jdk.incubator.vector}, else the scalar loop: the service still runs (2-4x slower scans) on a
   * JVM started without the flag.
   */
  static DotKernel best() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? VectorDot.create()
        : new ScalarDot();
  }
}
