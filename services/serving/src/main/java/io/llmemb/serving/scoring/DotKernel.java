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
  void dots(float[] query, float[] block, int rows, float[] out);

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
