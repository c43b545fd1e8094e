package io.llmemb.serving.encoding;

/** {@link GemmKernel} in plain loops: the fallback without the Vector API, and the reference. */
public final class ScalarGemm implements GemmKernel {

  @Override
  public void gemm(
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
      int ldy) {
    for (int i = 0; i < rows; i++) {
      int yi = yOff + i * ldy;
      int xi = xOff + i * ldx;
      for (int k = 0; k < inner; k++) {
        float xv = x[xi + k];
        int wk = wOff + k * ldw;
        for (int j = 0; j < cols; j++) {
          y[yi + j] += xv * w[wk + j];
        }
      }
    }
  }

  @Override
  public void dots(
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

  @Override
  public String name() {
    return "scalar";
  }
}
