package io.llmemb.serving.scoring;

/** Plain loops, one accumulator per row: the baseline and the fallback without the Vector API. */
public final class ScalarDot implements DotKernel {

  @Override
  public void dots(float[] query, float[] block, int rows, float[] out) {
    dots(rows, query.length, query, 0, block, 0, query.length, out);
  }

  @Override
  public String name() {
    return "scalar";
  }
}
