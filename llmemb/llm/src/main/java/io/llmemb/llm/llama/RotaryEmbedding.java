package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding with frequency {@code theta^(-2i/headDim)} for pair {@code i}, in
 * either {@link RopeLayout}. Positions start at 0 for every row, which is right for right-padded
 * batches.
 */
final class RotaryEmbedding {
  private final RopeLayout layout;
  private final int halfDim;
  private final NDArray cos;
  private final NDArray sin;

  /** Precomputes {@code [maxSeqLen, headDim/2]} tables on {@code manager} in {@code dtype}. */
  RotaryEmbedding(LlamaConfig config, NDManager manager, DataType dtype) {
    this.layout = config.ropeLayout();
    this.halfDim = config.headDim() / 2;
    int positions = config.maxSeqLen();
    float[] cosTable = new float[positions * halfDim];
    float[] sinTable = new float[positions * halfDim];
    for (int i = 0; i < halfDim; i++) {
      // float arithmetic as llama2.c run.c, so angles match its reference outputs bit for bit where
      // possible
      float frequency =
          (float) (1.0 / Math.pow(config.ropeTheta(), (2.0f * i) / (float) config.headDim()));
      for (int pos = 0; pos < positions; pos++) {
        float angle = pos * frequency;
        cosTable[pos * halfDim + i] = (float) Math.cos(angle);
        sinTable[pos * halfDim + i] = (float) Math.sin(angle);
      }
    }
    Shape shape = new Shape(positions, halfDim);
    this.cos = manager.create(cosTable, shape).toType(dtype, false);
    this.sin = manager.create(sinTable, shape).toType(dtype, false);
  }

  /**
   * Rotates queries or keys.
   *
   * @param x {@code [batch, heads, time, headDim]}
   */
  NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    long time = shape.get(2);
    if (time > cos.getShape().get(0)) {
      throw new IllegalArgumentException(
          "sequence of " + time + " tokens exceeds maxSeqLen " + cos.getShape().get(0));
    }
    // The slices would otherwise belong to the model's long-lived manager and pile up there.
    NDArray c = cos.get(":" + time);
    c.attach(x.getManager());
    NDArray s = sin.get(":" + time);
    s.attach(x.getManager());
    if (layout == RopeLayout.INTERLEAVED) {
      NDList pairs = x.reshape(shape.get(0), shape.get(1), time, halfDim, 2).split(2, 4);
      NDArray c3 = c.reshape(time, halfDim, 1);
      NDArray s3 = s.reshape(time, halfDim, 1);
      return rotate(pairs.get(0), pairs.get(1), c3, s3, 4).reshape(shape);
    }
    NDList halves = x.split(2, 3);
    return rotate(halves.get(0), halves.get(1), c, s, 3);
  }

  private static NDArray rotate(NDArray x0, NDArray x1, NDArray c, NDArray s, int axis) {
    NDArray first = x0.mul(c).sub(x1.mul(s));
    NDArray second = x0.mul(s).add(x1.mul(c));
    return first.concat(second, axis);
  }
}
