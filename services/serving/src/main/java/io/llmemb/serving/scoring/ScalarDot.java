package io.llmemb.serving.scoring;

/** Plain loops, one accumulator per row: the baseline and the fallback without the Vector API. */
public final class ScalarDot implements DotKernel {

  @Override
  public void dots(float[] query, float[] block, int rows, float[] out) {
    int h = query.length;
    for (int r = 0; r < rows; r++) {
      int offset = r * h;
      float s = 0f;
      for (int j = 0; j < h; j++) {
        s += query[j] * block[offset + j];
      }
      out[r] = s;
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
