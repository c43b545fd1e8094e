package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import org.junit.jupiter.api.Test;

/**
 * The graph's build scores equal JVector's EUCLIDEAN score {@code 1 / (1 + d²)} between the rows
 * lifted onto the sphere, written out naively, for rows on the sphere and a row longer than Φ.
 */
class SphereScoresTest {

  private static final int H = 16;

  @Test
  void nodeAndVectorScoresEqualTheEuclideanScoreOfTheLiftedRows() {
    float[][] vectors = RandomRows.gaussian(60, H, 3);
    for (int j = 0; j < H; j++) {
      vectors[7][j] *= 3f; // longer than Φ below: lifted with 0 as its last component
    }
    ItemRows rows = RandomRows.rows(vectors);
    float phiSquared = 1.1f * 1.1f * RandomRows.dot(vectors[0], vectors[0]) * 2f;
    SphereScores scores = new SphereScores(rows, DotKernel.best(), phiSquared);
    for (int r = 0; r < vectors.length; r++) {
      scores.record(r);
    }
    float s = SphereScores.SCALE / (float) Math.sqrt(phiSquared);
    for (int a : new int[] {0, 7, 31}) {
      var node = scores.searchProviderFor(a).scoreFunction();
      var diversity = scores.diversityScoreFunctionFor(a);
      VectorFloat<?> liftedA =
          VectorizationProvider.getInstance()
              .getVectorTypeSupport()
              .createFloatVector(lift(vectors[a], phiSquared, s));
      var vector = scores.searchProviderFor(liftedA).scoreFunction();
      for (int b = 0; b < vectors.length; b++) {
        if (b == a) {
          // d² of a row to itself is a difference of near-equal float terms: only its size is
          // meaningful (it decides nothing in the graph, where a node is never its own neighbour).
          continue;
        }
        float expected = naive(vectors[a], vectors[b], phiSquared, s);
        String at = "rows " + a + ", " + b;
        assertEquals(expected, node.similarityTo(b), expected * 1e-3f, at);
        assertEquals(expected, diversity.similarityTo(b), expected * 1e-3f, at);
        assertEquals(expected, vector.similarityTo(b), expected * 1e-3f, at);
      }
    }
  }

  private static float naive(float[] a, float[] b, float phiSquared, float s) {
    float[] la = lift(a, phiSquared, s);
    float[] lb = lift(b, phiSquared, s);
    double d2 = 0;
    for (int j = 0; j < la.length; j++) {
      d2 += (la[j] - lb[j]) * (double) (la[j] - lb[j]);
    }
    return (float) (1 / (1 + d2));
  }

  private static float[] lift(float[] x, float phiSquared, float s) {
    float[] out = new float[x.length + 1];
    for (int j = 0; j < x.length; j++) {
      out[j] = s * x[j];
    }
    out[x.length] = s * (float) Math.sqrt(Math.max(0f, phiSquared - RandomRows.dot(x, x)));
    return out;
  }
}
