package io.llmemb.serving.encoding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel} on the JDK Vector API: for each output row, lane-wide strips of columns, each
 * an accumulator that takes a broadcast {@code x[i, k]} times row k of W per step (no horizontal
 * reductions), four strips at a time. Loaded only through {@link GemmKernel#best()}, which first
 * checks that the incubator module is present.
 */
final class VectorGemm implements GemmKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorGemm() {}

  static GemmKernel create() {
    return new VectorGemm();
  }

  @Override
  public void gemm(
      int rows,
      int inner,
      int cols,
      float[] x,
      int xOff,
      int ldx,
      float[] w,
      int wOff,
      int ldw,
      float[] y,
      int yOff,
      int ldy) {
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(cols);
    int wide = 4 * lanes;
    int i = 0;
    // Four rows at a time over two strips: each row of W loaded feeds eight FMAs, so W (64 KB at H
    // 128, more than L1 holds) streams from cache a quarter as often as row by row.
    for (; i + 4 <= rows; i += 4) {
      int j = 0;
      for (; j + 2 * lanes <= cols; j += 2 * lanes) {
        fourRowsTwoStrips(
            inner, x, xOff + i * ldx, ldx, w, wOff + j, ldw, y, yOff + i * ldy + j, ldy);
      }
      for (int r = i; r < i + 4; r++) {
        oneRow(j, inner, cols, bound, x, xOff + r * ldx, w, wOff, ldw, y, yOff + r * ldy);
      }
    }
    for (; i < rows; i++) {
      oneRow(0, inner, cols, bound, x, xOff + i * ldx, w, wOff, ldw, y, yOff + i * ldy);
    }
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

  /** Columns {@code from..cols-1} of one output row. */
  private static void oneRow(
      int from,
      int inner,
      int cols,
      int bound,
      float[] x,
      int xi,
      float[] w,
      int wOff,
      int ldw,
      float[] y,
      int yi) {
    int lanes = SPECIES.length();
    int wide = 4 * lanes;
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
  public void dots(
      int rows, int width, float[] q, int qOff, float[] k, int kOff, int ldk, float[] out) {
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(width);
    int j = 0;
    // Four rows at a time share each query load; a tail narrower than the lanes goes scalar, so
    // no masked access is needed (masked loads are slow on some JDKs).
    for (; j + 4 <= rows; j += 4) {
      int k0 = kOff + j * ldk;
      int k1 = k0 + ldk;
      int k2 = k1 + ldk;
      int k3 = k2 + ldk;
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      for (int c = 0; c < bound; c += lanes) {
        FloatVector qv = FloatVector.fromArray(SPECIES, q, qOff + c);
        a0 = FloatVector.fromArray(SPECIES, k, k0 + c).fma(qv, a0);
        a1 = FloatVector.fromArray(SPECIES, k, k1 + c).fma(qv, a1);
        a2 = FloatVector.fromArray(SPECIES, k, k2 + c).fma(qv, a2);
        a3 = FloatVector.fromArray(SPECIES, k, k3 + c).fma(qv, a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int c = bound; c < width; c++) {
        float qc = q[qOff + c];
        s0 += qc * k[k0 + c];
        s1 += qc * k[k1 + c];
        s2 += qc * k[k2 + c];
        s3 += qc * k[k3 + c];
      }
      out[j] = s0;
      out[j + 1] = s1;
      out[j + 2] = s2;
      out[j + 3] = s3;
    }
    for (; j < rows; j++) {
      int kj = kOff + j * ldk;
      FloatVector a = FloatVector.zero(SPECIES);
      for (int c = 0; c < bound; c += lanes) {
        a =
            FloatVector.fromArray(SPECIES, k, kj + c)
                .fma(FloatVector.fromArray(SPECIES, q, qOff + c), a);
      }
      float s = a.reduceLanes(VectorOperators.ADD);
      for (int c = bound; c < width; c++) {
        s += q[qOff + c] * k[kj + c];
      }
      out[j] = s;
    }
  }

  @Override
  public String name() {
    return "vector-api-" + SPECIES.vectorBitSize();
  }
}
