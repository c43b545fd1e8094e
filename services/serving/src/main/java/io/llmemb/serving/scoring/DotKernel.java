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
