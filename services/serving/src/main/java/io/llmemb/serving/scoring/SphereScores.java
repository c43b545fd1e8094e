package io.llmemb.serving.scoring;

import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.Arrays;

/**
 * The scores JVector builds the graph with: Euclidean similarity {@code 1 / (1 + d²)} between rows
 * lifted onto one sphere, {@code s · [x, t]} with {@code t = sqrt(max(0, Φ² - |x|²))} and {@code s
 * = SCALE / Φ} (see {@link AnnScorer}), computed from the rows themselves with the scan's {@link
 * DotKernel}: {@code d² = s² (m_a + m_b - 2 (x_a · x_b + t_a t_b))}, {@code m = max(Φ², |x|²)}.
 *
 * <p>Why not a {@code RandomAccessVectorValues} with JVector's own EUCLIDEAN: on JDK 17 JVector
 * compares vectors with a scalar loop, and a view that lifts rows without copying them has to build
 * a fresh lifted vector for every comparison: inserts cost about 0.8 ms of CPU per row at M 32
 * (1.6-1.75 times what they cost here, AnnBeamSweep); here a comparison is one Vector API dot
 * product of the stored rows plus two stored squared lengths.
 *
 * <p>A row's squared length is recorded ({@link #record}) by the one writer before the row is
 * inserted, so every row the graph holds has one; rows are never shortened, only replaced, and a
 * replaced row is recorded again.
 */
final class SphereScores implements BuildScoreProvider {

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

  private final ItemRows rows;
  private final DotKernel kernel;
  private final float phiSquared;
  private final float scaleSquared;
  private volatile float[][] normsSquared = new float[0][];

  SphereScores(ItemRows rows, DotKernel kernel, float phiSquared) {
    this.rows = rows;
    this.kernel = kernel;
    this.phiSquared = phiSquared;
    this.scaleSquared = SCALE * SCALE / phiSquared;
  }

  /** {@code s²}: squared Euclidean distances on the sphere are {@code s²} times those of rows. */
  float scaleSquared() {
    return scaleSquared;
  }

  /** Records the squared length of {@code row} (before it is inserted) and returns it. */
  synchronized float record(int row) {
    int chunk = row >>> ItemRows.CHUNK_SHIFT;
    float[][] norms = normsSquared;
    if (chunk >= norms.length) {
      norms = Arrays.copyOf(norms, chunk + 1);
      for (int c = normsSquared.length; c <= chunk; c++) {
        norms[c] = new float[ItemRows.CHUNK_ROWS];
      }
      normsSquared = norms;
    }
    float n = rows.normSquared(row);
    norms[chunk][row & (ItemRows.CHUNK_ROWS - 1)] = n;
    return n;
  }

  /** Squared length of {@code row}'s vector, as last recorded. */
  float normSquared(int row) {
    return normsSquared[row >>> ItemRows.CHUNK_SHIFT][row & (ItemRows.CHUNK_ROWS - 1)];
  }

  @Override
  public boolean isExact() {
    return true;
  }

  /** Mean of the lifted rows (JVector's builder does not use it; given for completeness). */
  @Override
  public VectorFloat<?> approximateCentroid() {
    int h = rows.hidden();
    float[] sum = new float[h + 1];
    float[] v = new float[h];
    int n = rows.count();
    float s = (float) Math.sqrt(scaleSquared);
    for (int r = 0; r < n; r++) {
      rows.vector(r, v);
      for (int j = 0; j < h; j++) {
        sum[j] += s * v[j];
      }
      sum[h] += s * lift(normSquared(r));
    }
    for (int j = 0; j <= h; j++) {
      sum[j] /= Math.max(1, n);
    }
    return vts.createFloatVector(sum);
  }

  /** Scores against a vector already lifted and scaled ({@code h + 1} wide). */
  @Override
  public SearchScoreProvider searchProviderFor(VectorFloat<?> lifted) {
    int h = rows.hidden();
    float[] x = new float[h];
    float lengthSquared = 0f;
    for (int j = 0; j < h; j++) {
      x[j] = lifted.get(j);
      lengthSquared += x[j] * x[j];
    }
    float tail = lifted.get(h);
    float base = lengthSquared + tail * tail;
    float s = (float) Math.sqrt(scaleSquared);
    ScoreFunction.ExactScoreFunction score =
        row -> {
          float n = normSquared(row);
          float d2 =
              base
                  + scaleSquared * Math.max(phiSquared, n)
                  - 2f * s * (rows.dot(kernel, x, row) + tail * lift(n));
          return 1f / (1f + Math.max(0f, d2));
        };
    return new DefaultSearchScoreProvider(score);
  }

  @Override
  public SearchScoreProvider searchProviderFor(int node) {
    return new DefaultSearchScoreProvider(scoreFunctionFor(node));
  }

  @Override
  public SearchScoreProvider diversityProviderFor(int node) {
    return new DefaultSearchScoreProvider(scoreFunctionFor(node));
  }

  @Override
  public ScoreFunction diversityScoreFunctionFor(int node) {
    return scoreFunctionFor(node);
  }

  private ScoreFunction.ExactScoreFunction scoreFunctionFor(int node) {
    float[] x = rows.vector(node);
    float n = normSquared(node);
    float m = Math.max(phiSquared, n);
    float t = lift(n);
    return row -> {
      float nr = normSquared(row);
      float d2 = m + Math.max(phiSquared, nr) - 2f * (rows.dot(kernel, x, row) + t * lift(nr));
      return 1f / (1f + scaleSquared * Math.max(0f, d2));
    };
  }

  /** The last component of a row of squared length {@code n} before scaling: 0 beyond Φ. */
  private float lift(float n) {
    return (float) Math.sqrt(Math.max(0f, phiSquared - n));
  }
}
