package io.llmemb.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.files.CorruptArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaFitterTest {

  @Test
  void pointsOnADiagonalLine() {
    // (1,1), (2,2), (3,3): mean (2,2); axis (1,1)/√2; projections −√2, 0, √2; variance 4/2 = 2
    PcaModel m = PcaFitter.fit(new float[] {1, 1, 2, 2, 3, 3}, 3, 2, 1);
    assertArrayEquals(new double[] {2, 2}, m.mean(), 1e-12);
    double r = Math.sqrt(0.5);
    assertArrayEquals(new double[] {r, r}, m.components()[0], 1e-9);
    assertEquals(2.0, m.explainedVariance()[0], 1e-9);
    assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-9);
    assertArrayEquals(new double[] {Math.sqrt(2)}, m.transform(new float[] {3, 3}), 1e-9);
  }

  @Test
  void reconstructionErrorFallsWithMoreComponents() {
    int n = 60;
    int d = 8;
    float[] x = randomCorrelated(n, d, new Random(1));
    double previous = Double.MAX_VALUE;
    for (int k = 1; k <= d; k++) {
      PcaModel m = PcaFitter.fit(x, n, d, k);
      double err = 0;
      for (int i = 0; i < n; i++) {
        float[] row = new float[d];
        System.arraycopy(x, i * d, row, 0, d);
        double[] back = m.inverseTransform(m.transform(row));
        for (int j = 0; j < d; j++) {
          err += (back[j] - row[j]) * (back[j] - row[j]);
        }
      }
      assertTrue(err < previous, "k = " + k + ": error " + err + " !< " + previous);
      previous = err;
    }
    assertEquals(0, previous, 1e-6, "all components reconstruct exactly");
  }

  @Test
  void projectedVarianceEqualsExplainedVarianceAndArtifactRoundTrips(@TempDir Path dir)
      throws Exception {
    int n = 40;
    int d = 6;
    float[] x = randomCorrelated(n, d, new Random(2));
    PcaModel m = PcaFitter.fit(x, n, d, 3);
    float[] y = m.transformAll(x, n);
    for (int k = 0; k < 3; k++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += (double) y[i * 3 + k] * y[i * 3 + k];
      }
      assertEquals(m.explainedVariance()[k], s / (n - 1), 1e-4 * m.explainedVariance()[k]);
    }
    PcaArtifact.save(dir, m, "minilm@x", "movielens-y");
    PcaModel loaded = PcaArtifact.load(dir);
    assertArrayEquals(m.components()[2], loaded.components()[2], 0);
    assertArrayEquals(m.explainedVariance(), loaded.explainedVariance(), 0);
    assertThrows(IllegalArgumentException.class, () -> PcaFitter.fit(x, n, d, d + 1));
    byte[] bytes = Files.readAllBytes(dir.resolve(PcaArtifact.MATRIX_FILE));
    bytes[200] ^= 1;
    Files.write(dir.resolve(PcaArtifact.MATRIX_FILE), bytes);
    assertThrows(CorruptArtifactException.class, () -> PcaArtifact.load(dir));
  }

  private static float[] randomCorrelated(int n, int d, Random rng) {
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      double base = rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (base * (j + 1) + rng.nextGaussian() * (0.3 + 0.1 * j) + j);
      }
    }
    return x;
  }
}
