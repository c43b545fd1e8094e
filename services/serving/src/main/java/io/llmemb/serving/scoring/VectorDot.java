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
  public void dots(float[] query, float[] block, int rows, float[] out) {
    int h = query.length;
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(h);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int o0 = r * h;
      int o1 = o0 + h;
      int o2 = o1 + h;
      int o3 = o2 + h;
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      for (int j = 0; j < bound; j += lanes) {
        FloatVector q = FloatVector.fromArray(SPECIES, query, j);
        a0 = FloatVector.fromArray(SPECIES, block, o0 + j).fma(q, a0);
        a1 = FloatVector.fromArray(SPECIES, block, o1 + j).fma(q, a1);
        a2 = FloatVector.fromArray(SPECIES, block, o2 + j).fma(q, a2);
        a3 = FloatVector.fromArray(SPECIES, block, o3 + j).fma(q, a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int j = bound; j < h; j++) {
        s0 += query[j] * block[o0 + j];
        s1 += query[j] * block[o1 + j];
        s2 += query[j] * block[o2 + j];
        s3 += query[j] * block[o3 + j];
      }
      out[r] = s0;
      out[r + 1] = s1;
      out[r + 2] = s2;
      out[r + 3] = s3;
    }
    for (; r < rows; r++) {
      out[r] = dot(query, block, r * h);
    }
  }

  @Override
  public float dot(float[] query, float[] block, int offset) {
    int h = query.length;
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(h);
    FloatVector a = FloatVector.zero(SPECIES);
    for (int j = 0; j < bound; j += lanes) {
      a =
          FloatVector.fromArray(SPECIES, block, offset + j)
              .fma(FloatVector.fromArray(SPECIES, query, j), a);
    }
    float s = a.reduceLanes(VectorOperators.ADD);
    for (int j = bound; j < h; j++) {
      s += query[j] * block[offset + j];
    }
    return s;
  }

  @Override
  public String name() {
    return "vector-api-" + SPECIES.vectorBitSize();
  }
}
