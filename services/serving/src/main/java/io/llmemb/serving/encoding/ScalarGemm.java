package io.llmemb.serving.encoding;

/** {@link GemmKernel} in plain loops: the fallback without the Vector API, and the reference. */
public final class ScalarGemm implements GemmKernel {

  @Override
  public void linear(int rows, int h, float[] x, int xOff, float[] w, float[] y, int yOff) {
    for (int i = 0; i < rows; i++) {
      weightedSum(h, h, x, w, 0, h, y, yOff + i * h, xOff + i * h);
    }
  }

  @Override
  public void weightedSum(
      int n, int width, float[] p, float[] v, int vOff, int ldv, float[] y, int yOff) {
    weightedSum(n, width, p, v, vOff, ldv, y, yOff, 0);
  }

  private static void weightedSum(
      int n, int width, float[] p, float[] v, int vOff, int ldv, float[] y, int yOff, int pOff) {
    for (int j = 0; j < n; j++) {
      float pj = p[pOff + j];
      int vj = vOff + j * ldv;
      for (int c = 0; c < width; c++) {
        y[yOff + c] += pj * v[vj + c];
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
