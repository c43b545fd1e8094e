package io.llmemb.bench.serving;

import io.llmemb.serving.scoring.ItemRows;
import java.util.Random;

/**
 * Item vectors past the real catalogue: Gaussian clusters with per-item norms that vary, the shape
 * trained item vectors have (genres and co-watched groups; popular items longer). The timing of an
 * exact scan does not depend on the values; the recall of a graph index does, which is why they are
 * not uniform noise.
 */
final class SyntheticVectors {

  private SyntheticVectors() {}

  static ItemRows rows(int n, int h, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[Math.max(8, (int) Math.sqrt(n) / 4)][h];
    for (float[] c : centres) {
      for (int j = 0; j < h; j++) {
        c[j] = (float) random.nextGaussian();
      }
    }
    ItemRows rows = new ItemRows(h);
    float[] v = new float[h];
    for (int i = 0; i < n; i++) {
      float[] c = centres[random.nextInt(centres.length)];
      float scale = 0.5f + random.nextFloat();
      for (int j = 0; j < h; j++) {
        v[j] = scale * (c[j] + 0.6f * (float) random.nextGaussian());
      }
      rows.put("item-" + i, v);
    }
    return rows;
  }

  /** Queries near random items, as user vectors are near the items they interacted with. */
  static float[][] queries(ItemRows rows, int count, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[count][];
    for (int q = 0; q < count; q++) {
      float[] v = rows.vector(random.nextInt(rows.count()));
      for (int j = 0; j < v.length; j++) {
        v[j] += 0.3f * (float) random.nextGaussian();
      }
      out[q] = v;
    }
    return out;
  }

  /** A sorted history of 50 distinct rows, the size of a max_len 50 sequence. */
  static int[] history(int n, long seed) {
    return new Random(seed).ints(0, n).distinct().limit(Math.min(50, n)).sorted().toArray();
  }
}
