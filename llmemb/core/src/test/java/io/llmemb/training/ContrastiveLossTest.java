package io.llmemb.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Both losses against straightforward double-precision re-computations of their formulas. */
class ContrastiveLossTest {

  private static final double[][] U = {{1, 0.5, -0.2}, {0.1, -1, 0.3}, {0.4, 0.4, 0.9}};
  private static final double[][] V = {{0.9, 0.6, -0.1}, {0.3, -0.8, 0.1}, {-0.2, 0.5, 1.0}};

  @Test
  void paperLossMatchesHandComputation() {
    double tau = ContrastiveLoss.PAPER_TAU;
    double[][] s = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        s[i][k] = dot(U[i], V[k]) / Math.sqrt(dot(U[i], U[i]) * dot(V[k], V[k])) / tau;
      }
    }
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double denRow = 0;
      double denCol = 0;
      for (int k = 0; k < 3; k++) {
        if (k != i) {
          denRow += Math.exp(s[i][k]);
          denCol += Math.exp(s[k][i]);
        }
      }
      expected += (Math.log(denRow) - s[i][i]) / 3 + (Math.log(denCol) - s[i][i]) / 3;
    }
    assertEquals(expected, run(ContrastiveLoss.PAPER, tau), 1e-3);
  }

  @Test
  void codeLossMatchesHandComputation() {
    double tau = ContrastiveLoss.CODE_TAU_INIT;
    double[][] logits = new double[3][3];
    double[][] tgt = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        logits[i][k] = dot(U[i], V[k]) / tau;
        tgt[i][k] = tau * (dot(U[i], U[k]) + dot(V[i], V[k])) / 2;
      }
    }
    double[][] t = softmaxRows(tgt);
    double[][] lsm = logSoftmaxRows(logits);
    double[][] lsmT = logSoftmaxRows(transpose(logits));
    double[][] tT = transpose(t);
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double a = 0;
      double b = 0;
      for (int k = 0; k < 3; k++) {
        a -= t[i][k] * lsm[i][k];
        b -= tT[i][k] * lsmT[i][k];
      }
      expected += (a + b) / 2 / 3;
    }
    assertEquals(expected, run(ContrastiveLoss.CODE, tau), 1e-4);
    assertTrue(ContrastiveLoss.CODE.learnableTau());
  }

  private static double run(ContrastiveLoss loss, double tau) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray u = m.create(flat(U), new Shape(3, 3));
      NDArray v = m.create(flat(V), new Shape(3, 3));
      return loss.compute(u, v, m.create((float) tau)).getFloat();
    }
  }

  private static float[] flat(double[][] a) {
    float[] out = new float[9];
    for (int i = 0; i < 9; i++) {
      out[i] = (float) a[i / 3][i % 3];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        t[k][i] = a[i][k];
      }
    }
    return t;
  }

  private static double[][] logSoftmaxRows(double[][] a) {
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double z = 0;
      for (int k = 0; k < 3; k++) {
        z += Math.exp(a[i][k]);
      }
      for (int k = 0; k < 3; k++) {
        out[i][k] = a[i][k] - Math.log(z);
      }
    }
    return out;
  }

  private static double[][] softmaxRows(double[][] a) {
    double[][] l = logSoftmaxRows(a);
    for (double[] row : l) {
      for (int k = 0; k < 3; k++) {
        row[k] = Math.exp(row[k]);
      }
    }
    return l;
  }
}
