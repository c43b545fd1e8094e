package io.llmemb.serving.encoding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel} on the JDK Vector API. Products: for each output row, lane-wide strips of
 * columns, each an accumulator that takes a broadcast {@code x[i, k]} times row k of W per step (no
 * horizontal reductions), several strips and rows at a time. Loaded only through {@link
 * GemmKernel#best()}, which first checks that the incubator module is present.
 */
final class VectorGemm implements GemmKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  @Override
  public void linear(int rows, int h, float[] x, int xOff, float[] w, float[] y, int yOff) {
    int lanes = SPECIES.length();
    int i = 0;
    // Four rows at a time over two strips: each row of W loaded feeds eight FMAs, so W (64 KB at H
    // 128, more than L1 holds) streams from cache a quarter as often as row by row.
    for (; i + 4 <= rows; i += 4) {
      int j = 0;
      for (; j + 2 * lanes <= h; j += 2 * lanes) {
        fourRowsTwoStrips(h, x, xOff + i * h, h, w, j, h, y, yOff + i * h + j, h);
      }
      for (int r = i; r < i + 4; r++) {
        oneRow(j, h, h, x, xOff + r * h, w, 0, h, y, yOff + r * h);
      }
    }
    for (; i < rows; i++) {
      oneRow(0, h, h, x, xOff + i * h, w, 0, h, y, yOff + i * h);
    }
  }

  @Override
  public void weightedSum(
      int n, int width, float[] p, float[] v, int vOff, int ldv, float[] y, int yOff) {
    oneRow(0, n, width, p, 0, v, vOff, ldv, y, yOff);
  }

  private static void fourRowsTwoStrips(
      int inner,
      float[] x,
      int x0,
      int ldx,
      float[] w,
      int w0,
      int ldw,
      float[] y,
      int y0,
      int ldy) {
    int lanes = SPECIES.length();
    int x1 = x0 + ldx;
    int x2 = x1 + ldx;
    int x3 = x2 + ldx;
    int y1 = y0 + ldy;
    int y2 = y1 + ldy;
    int y3 = y2 + ldy;
    FloatVector a00 = FloatVector.fromArray(SPECIES, y, y0);
    FloatVector a01 = FloatVector.fromArray(SPECIES, y, y0 + lanes);
    FloatVector a10 = FloatVector.fromArray(SPECIES, y, y1);
    FloatVector a11 = FloatVector.fromArray(SPECIES, y, y1 + lanes);
    FloatVector a20 = FloatVector.fromArray(SPECIES, y, y2);
    FloatVector a21 = FloatVector.fromArray(SPECIES, y, y2 + lanes);
    FloatVector a30 = FloatVector.fromArray(SPECIES, y, y3);
    FloatVector a31 = FloatVector.fromArray(SPECIES, y, y3 + lanes);
    for (int k = 0; k < inner; k++) {
      int wk = w0 + k * ldw;
      FloatVector w0v = FloatVector.fromArray(SPECIES, w, wk);
      FloatVector w1v = FloatVector.fromArray(SPECIES, w, wk + lanes);
      FloatVector b0 = FloatVector.broadcast(SPECIES, x[x0 + k]);
      FloatVector b1 = FloatVector.broadcast(SPECIES, x[x1 + k]);
      FloatVector b2 = FloatVector.broadcast(SPECIES, x[x2 + k]);
      FloatVector b3 = FloatVector.broadcast(SPECIES, x[x3 + k]);
      a00 = w0v.fma(b0, a00);
      a01 = w1v.fma(b0, a01);
      a10 = w0v.fma(b1, a10);
      a11 = w1v.fma(b1, a11);
      a20 = w0v.fma(b2, a20);
      a21 = w1v.fma(b2, a21);
      a30 = w0v.fma(b3, a30);
      a31 = w1v.fma(b3, a31);
    }
    a00.intoArray(y, y0);
    a01.intoArray(y, y0 + lanes);
    a10.intoArray(y, y1);
    a11.intoArray(y, y1 + lanes);
    a20.intoArray(y, y2);
    a21.intoArray(y, y2 + lanes);
    a30.intoArray(y, y3);
    a31.intoArray(y, y3 + lanes);
  }

  /**
   * Columns {@code from..cols-1} of one output row: {@code y[yi + j] += Σ_k x[xi + k] · w[wOff +
   * k*ldw + j]}, {@code k < inner}.
   */
  private static void oneRow(
      int from,
      int inner,
      int cols,
      float[] x,
      int xi,
      float[] w,
      int wOff,
      int ldw,
      float[] y,
      int yi) {
    int lanes = SPECIES.length();
    int wide = 4 * lanes;
    int bound = SPECIES.loopBound(cols);
    int j = from;
    // Four strips at a time: four independent FMA chains hide the instruction's latency.
    for (; j + wide <= cols; j += wide) {
      int y0 = yi + j;
      FloatVector a0 = FloatVector.fromArray(SPECIES, y, y0);
      FloatVector a1 = FloatVector.fromArray(SPECIES, y, y0 + lanes);
      FloatVector a2 = FloatVector.fromArray(SPECIES, y, y0 + 2 * lanes);
      FloatVector a3 = FloatVector.fromArray(SPECIES, y, y0 + 3 * lanes);
      for (int k = 0; k < inner; k++) {
        FloatVector xv = FloatVector.broadcast(SPECIES, x[xi + k]);
        int wk = wOff + k * ldw + j;
        a0 = FloatVector.fromArray(SPECIES, w, wk).fma(xv, a0);
        a1 = FloatVector.fromArray(SPECIES, w, wk + lanes).fma(xv, a1);
        a2 = FloatVector.fromArray(SPECIES, w, wk + 2 * lanes).fma(xv, a2);
        a3 = FloatVector.fromArray(SPECIES, w, wk + 3 * lanes).fma(xv, a3);
      }
      a0.intoArray(y, y0);
      a1.intoArray(y, y0 + lanes);
      a2.intoArray(y, y0 + 2 * lanes);
      a3.intoArray(y, y0 + 3 * lanes);
    }
    for (; j < bound; j += lanes) {
      FloatVector acc = FloatVector.fromArray(SPECIES, y, yi + j);
      for (int k = 0; k < inner; k++) {
        acc =
            FloatVector.fromArray(SPECIES, w, wOff + k * ldw + j)
                .fma(FloatVector.broadcast(SPECIES, x[xi + k]), acc);
      }
      acc.intoArray(y, yi + j);
    }
    if (j < cols) {
      VectorMask<Float> tail = SPECIES.indexInRange(j, cols);
      FloatVector acc = FloatVector.fromArray(SPECIES, y, yi + j, tail);
      for (int k = 0; k < inner; k++) {
        acc =
            FloatVector.fromArray(SPECIES, w, wOff + k * ldw + j, tail)
                .fma(FloatVector.broadcast(SPECIES, x[xi + k]), acc);
      }
      acc.intoArray(y, yi + j, tail);
    }
  }

  @Override
  public String name() {
    return "vector-api-" + SPECIES.vectorBitSize();
  }
}
