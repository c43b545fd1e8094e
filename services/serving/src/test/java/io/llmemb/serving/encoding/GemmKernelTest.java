package io.llmemb.serving.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both kernels (Vector API and scalar loops) equal the textbook sums on operands of every awkward
 * size (widths below, at and past a vector's length, offsets inside larger arrays, strided rows).
 */
class GemmKernelTest {

  @Test
  void linearProductsEqualTheDefinition() {
    GemmKernel vector = GemmKernel.best();
    assertTrue(vector.name().startsWith("vector-api"), "tests run with the incubator module");
    GemmKernel scalar = new ScalarGemm();
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      // widths below, at and past a vector's lanes; row counts around the four-row blocks
      int rows = 1 + random.nextInt(9);
      int h = 1 + random.nextInt(70);
      int xOff = random.nextInt(5);
      int yOff = random.nextInt(5);
      float[] x = gaussian(random, xOff + rows * h);
      float[] w = gaussian(random, h * h);
      float[] y0 = gaussian(random, yOff + rows * h + random.nextInt(3));
      float[] expected = y0.clone();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < h; j++) {
          double s = expected[yOff + i * h + j];
          for (int k = 0; k < h; k++) {
            s += (double) x[xOff + i * h + k] * w[k * h + j];
          }
          expected[yOff + i * h + j] = (float) s;
        }
      }
      float[] a = y0.clone();
      float[] b = y0.clone();
      vector.linear(rows, h, x, xOff, w, a, yOff);
      scalar.linear(rows, h, x, xOff, w, b, yOff);
      assertClose(expected, a, "vector, trial " + trial);
      assertClose(expected, b, "scalar, trial " + trial);
    }
  }

  @Test
  void weightedSumsEqualTheDefinition() {
    GemmKernel vector = GemmKernel.best();
    GemmKernel scalar = new ScalarGemm();
    Random random = new Random(13);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(60);
      int width = 1 + random.nextInt(70);
      int ldv = width + random.nextInt(9);
      int vOff = random.nextInt(5);
      int yOff = random.nextInt(5);
      float[] p = gaussian(random, n);
      float[] v = gaussian(random, vOff + n * ldv);
      float[] y0 = gaussian(random, yOff + width + random.nextInt(3));
      float[] expected = y0.clone();
      for (int c = 0; c < width; c++) {
        double s = expected[yOff + c];
        for (int j = 0; j < n; j++) {
          s += (double) p[j] * v[vOff + j * ldv + c];
        }
        expected[yOff + c] = (float) s;
      }
      float[] a = y0.clone();
      float[] b = y0.clone();
      vector.weightedSum(n, width, p, v, vOff, ldv, a, yOff);
      scalar.weightedSum(n, width, p, v, vOff, ldv, b, yOff);
      assertClose(expected, a, "vector, trial " + trial);
      assertClose(expected, b, "scalar, trial " + trial);
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], 1e-4f * Math.max(1f, Math.abs(expected[i])), what + " at " + i);
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
