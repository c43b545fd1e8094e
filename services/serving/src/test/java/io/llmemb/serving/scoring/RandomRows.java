package io.llmemb.serving.scoring;

import java.util.Random;

/** Gaussian item vectors for the scorer tests, on a fixed seed. */
final class RandomRows {

  private RandomRows() {}

  static float[][] gaussian(int n, int h, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[n][h];
    for (float[] row : out) {
      for (int j = 0; j < h; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return out;
  }

  static ItemRows rows(float[][] vectors) {
    ItemRows rows = new ItemRows(vectors[0].length);
    for (int i = 0; i < vectors.length; i++) {
      rows.put("i" + i, vectors[i]);
    }
    return rows;
  }

  static float dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return (float) s;
  }
}
