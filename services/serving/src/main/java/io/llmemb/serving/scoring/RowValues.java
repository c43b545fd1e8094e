package io.llmemb.serving.scoring;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

/**
 * {@link ItemRows} as JVector sees them while building the graph: row x becomes {@code [x, sqrt(Φ²
 * - |x|²)] * (SCALE / Φ)}, every row on one sphere, where Euclidean order from a query {@code [q,
 * 0]} is {@code q · x} order (see {@link AnnScorer}). A row longer than Φ (added after Φ was fixed)
 * gets 0 as its last component: off the sphere, still a node that searches can pass through, and
 * scored exactly by {@link AnnScorer} instead. A fresh copy per call, so the graph keeps no second
 * copy of the vectors; searches read the rows directly.
 */
final class RowValues implements RandomAccessVectorValues {

  /**
   * Radius of the sphere the rows are put on. JVector's EUCLIDEAN score is {@code 1 / (1 + d²)} and
   * its diversity rule (alpha) compares scores by ratio, so the rule only acts on distances (as
   * Vamana's alpha does) when neighbour distances are well above 1: on a unit sphere it keeps
   * almost every candidate, and the graph loses the edges that keep it navigable (recall@10 0.93
   * against 0.99 at search beam 400 on the benchmark's 30k vectors). JVector's DOT_PRODUCT score
   * {@code (1 + cos) / 2} has the same problem. A fixed radius makes this independent of the
   * model's scale.
   */
  static final float SCALE = 1000f;

  private static final VectorTypeSupport VECTORS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final ItemRows rows;
  private final float phiSquared;
  private final float scale;

  RowValues(ItemRows rows, float phiSquared) {
    this.rows = rows;
    this.phiSquared = phiSquared;
    this.scale = SCALE / (float) Math.sqrt(phiSquared);
  }

  /** Squared length of {@code row}'s vector. */
  static float normSquared(ItemRows rows, int row) {
    float[] chunk = rows.chunk(row >>> ItemRows.CHUNK_SHIFT);
    int h = rows.hidden();
    int offset = (row & (ItemRows.CHUNK_ROWS - 1)) * h;
    float s = 0f;
    for (int j = 0; j < h; j++) {
      float x = chunk[offset + j];
      s += x * x;
    }
    return s;
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
    lifted[h] = (float) Math.sqrt(Math.max(0f, phiSquared - normSquared(rows, row)));
    for (int j = 0; j <= h; j++) {
      lifted[j] *= scale;
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
}
