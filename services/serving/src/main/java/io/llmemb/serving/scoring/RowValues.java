package io.llmemb.serving.scoring;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

/**
 * {@link ItemRows} as JVector sees them while building the graph, lifted onto the unit sphere: row
 * x becomes {@code [x, sqrt(M² - |x|²)] / M} with M the largest norm at build time. Trained item
 * vectors have very different norms, and a graph built on raw dot products lets the long vectors
 * crowd out everything else (recall@10 0.67 on clustered test vectors); on the sphere, dot-product
 * order is nearest-neighbour order, and a query {@code [q, 0]} ranks rows exactly as {@code q · x}
 * does. A fresh copy per call, so the graph keeps no second copy of the vectors (searches read the
 * rows directly, see {@link AnnScorer}).
 */
final class RowValues implements RandomAccessVectorValues {

  private static final VectorTypeSupport VECTORS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final ItemRows rows;
  private final float maxNorm;

  RowValues(ItemRows rows) {
    this.rows = rows;
    float max = 0f;
    float[] v = new float[rows.hidden()];
    for (int r = 0, n = rows.count(); r < n; r++) {
      rows.vector(r, v);
      max = Math.max(max, norm2(v));
    }
    this.maxNorm = (float) Math.sqrt(Math.max(max, Float.MIN_NORMAL));
  }

  @Override
  public int size() {
    return rows.count();
  }

  @Override
  public int dimension() {
    return rows.hidden() + 1;
  }

  @Override
  public VectorFloat<?> getVector(int row) {
    int h = rows.hidden();
    float[] lifted = new float[h + 1];
    rows.vector(row, lifted);
    // A row added later with a larger norm than M gets 0 here: slightly off the sphere, still
    // searchable.
    lifted[h] = (float) Math.sqrt(Math.max(0f, maxNorm * maxNorm - norm2(lifted)));
    for (int j = 0; j <= h; j++) {
      lifted[j] /= maxNorm;
    }
    return VECTORS.createFloatVector(lifted);
  }

  @Override
  public boolean isValueShared() {
    return false;
  }

  @Override
  public RandomAccessVectorValues copy() {
    return this;
  }

  private static float norm2(float[] v) {
    float s = 0f;
    for (float x : v) {
      s += x * x;
    }
    return s;
  }
}
