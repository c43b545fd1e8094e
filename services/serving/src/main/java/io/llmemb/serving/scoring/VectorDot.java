package io.llmemb.serving.scoring;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API scan: fused multiply-adds over the widest lanes the CPU has, four rows per
 * step so that four independent accumulators hide the FMA latency. Loaded only through {@link
 * DotKernel#best()}, which first checks that the incubator module is present.
 */
final class VectorDot implements DotKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorDot() {}

  static DotKernel create() {
    return new VectorDot();
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
      out[j] = dot(width, q, qOff, k, kOff + j * ldk);
    }
  }

  @Override
  public float dot(float[] query, float[] block, int offset) {
    return dot(query.length, query, 0, block, offset);
  }

  private static float dot(int width, float[] q, int qOff, float[] k, int kOff) {
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(width);
    FloatVector a = FloatVector.zero(SPECIES);
    for (int c = 0; c < bound; c += lanes) {
      a =
          FloatVector.fromArray(SPECIES, k, kOff + c)
              .fma(FloatVector.fromArray(SPECIES, q, qOff + c), a);
    }
    float s = a.reduceLanes(VectorOperators.ADD);
    for (int c = bound; c < width; c++) {
      s += q[qOff + c] * k[kOff + c];
    }
    return s;
  }

  @Override
  public String name() {
    return "vector-api-" + SPECIES.vectorBitSize();
  }
}
