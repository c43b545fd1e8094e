package io.llmemb.serving.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel equals the scalar loops on strided operands of every awkward size (column
 * counts below, at and past a vector's length, offsets inside larger arrays), and the scalar loops
 * equal the textbook sum; the same for the dot products of one query with a matrix's rows.
 */
class GemmKernelTest {

  @Test
  void vectorKernelEqualsScalarLoopsAndTheDefinition() {
    GemmKernel vector = GemmKernel.best();
    assertTrue(vector.name().startsWith("vector-api"), "tests run with the incubator module");
    GemmKernel scalar = new ScalarGemm();
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int rows = 1 + random.nextInt(9);
      int inner = 1 + random.nextInt(40);
      int cols = 1 + random.nextInt(70);
      int ldx = inner + random.nextInt(4);
      int ldw = cols + random.nextInt(9);
      int ldy = cols + random.nextInt(9);
      int xOff = random.nextInt(5);
      int wOff = random.nextInt(5);
      int yOff = random.nextInt(5);
      float[] x = gaussian(random, xOff + rows * ldx);
      float[] w = gaussian(random, wOff + inner * ldw);
      float[] y0 = gaussian(random, yOff + rows * ldy);
      float[] expected = y0.clone();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double s = expected[yOff + i * ldy + j];
          for (int k = 0; k < inner; k++) {
            s += (double) x[xOff + i * ldx + k] * w[wOff + k * ldw + j];
          }
          expected[yOff + i * ldy + j] = (float) s;
        }
      }
      float[] a = y0.clone();
      float[] b = y0.clone();
      vector.gemm(rows, inner, cols, x, xOff, ldx, w, wOff, ldw, a, yOff, ldy);
      scalar.gemm(rows, inner, cols, x, xOff, ldx, w, wOff, ldw, b, yOff, ldy);
      for (int i = 0; i < y0.length; i++) {
        float tol = 1e-4f * Math.max(1f, Math.abs(expected[i]));
        assertEquals(expected[i], a[i], tol, "vector, trial " + trial + " element " + i);
        assertEquals(expected[i], b[i], tol, "scalar, trial " + trial + " element " + i);
      }
    }
  }

  @Test
  void vectorDotsEqualScalarDotsAndTheDefinition() {
    GemmKernel vector = GemmKernel.best();
    GemmKernel scalar = new ScalarGemm();
    Random random = new Random(12);
    for (int trial = 0; trial < 200; trial++) {
      int rows = 1 + random.nextInt(11);
      int width = 1 + random.nextInt(70);
      int ldk = width + random.nextInt(9);
      int qOff = random.nextInt(5);
      int kOff = random.nextInt(5);
      float[] q = gaussian(random, qOff + width);
      float[] k = gaussian(random, kOff + rows * ldk);
      float[] a = new float[rows];
      float[] b = new float[rows];
      vector.dots(rows, width, q, qOff, k, kOff, ldk, a);
      scalar.dots(rows, width, q, qOff, k, kOff, ldk, b);
      for (int j = 0; j < rows; j++) {
        double s = 0;
        for (int c = 0; c < width; c++) {
          s += (double) q[qOff + c] * k[kOff + j * ldk + c];
        }
        float tol = 1e-4f * (float) Math.max(1.0, Math.abs(s));
        assertEquals(s, a[j], tol, "vector, trial " + trial + " row " + j);
        assertEquals(s, b[j], tol, "scalar, trial " + trial + " row " + j);
      }
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
