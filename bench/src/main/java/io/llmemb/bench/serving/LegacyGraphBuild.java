package io.llmemb.bench.serving;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.llmemb.serving.scoring.ItemRows;

/**
 * How serving built its graph before it scored the build with its own kernel, kept as the baseline
 * of the build rate: the same lifted sphere (Φ = 1.1 × the longest row, radius 1,000), but handed
 * to JVector as a {@link RandomAccessVectorValues} that lifts a fresh copy of a row for every
 * comparison, compared by JVector's own EUCLIDEAN (a scalar loop on JDK 17). Same degree, beams,
 * overflow and alpha as serving's graph.
 */
final class LegacyGraphBuild {

  private static final VectorTypeSupport VECTORS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private LegacyGraphBuild() {}

  /**
   * Builds the previous graph over every row on the common pool; returns the graph's heap bytes.
   */
  static long build(ItemRows rows, int maxDegree, int buildBeam) {
    float longest = 0f;
    for (int r = 0; r < rows.count(); r++) {
      longest = Math.max(longest, rows.normSquared(r));
    }
    Lifted values = new Lifted(rows, longest * 1.1f * 1.1f);
    GraphIndexBuilder builder =
        GraphIndexBuilder.builder(values, VectorSimilarityFunction.EUCLIDEAN, maxDegree)
            .withBeamWidth(buildBeam)
            .withNeighborOverflow(1.2f)
            .withAlpha(1.2f)
            .build();
    builder.build(values);
    return builder.getGraph().ramBytesUsed();
  }

  /** Row x as {@code [x, sqrt(Φ² - |x|²)] * (1000 / Φ)}, a fresh copy per call. */
  private static final class Lifted implements RandomAccessVectorValues {
    private final ItemRows rows;
    private final float phiSquared;
    private final float scale;

    Lifted(ItemRows rows, float phiSquared) {
      this.rows = rows;
      this.phiSquared = phiSquared;
      this.scale = 1000f / (float) Math.sqrt(phiSquared);
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
      lifted[h] = (float) Math.sqrt(Math.max(0f, phiSquared - rows.normSquared(row)));
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
}
