package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.Scalars;

/**
 * RMSNorm {@code w * x / sqrt(mean(x^2) + eps)} over the last axis, computed in fp32 as HF does for
 * fp16.
 */
final class RmsNorm {
  private RmsNorm() {}

  static NDArray apply(NDArray x, NDArray gain, float eps) {
    DataType dtype = x.getDataType();
    NDArray xf = x.toType(DataType.FLOAT32, false);
    NDArray meanSquare = xf.square().mean(new int[] {-1}, true);
    NDArray normed = xf.mul(Scalars.pow(meanSquare.add(eps).sqrt(), -1));
    return normed.toType(dtype, false).mul(gain);
  }
}
