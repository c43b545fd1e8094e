package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The strided dot products (one query against rows of a wider matrix, as attention needs) of both
 * kernels equal the textbook sum for widths below, at and past a vector's length.
 */
class DotKernelTest {

  @Test
  void vectorDotsEqualScalarDotsAndTheDefinition() {
    DotKernel vector = DotKernel.best();
    DotKernel scalar = new ScalarDot();
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
