package io.llmemb.serving.encoding;

/** A backbone's user encoding of one input row, computed without the engine. */
public interface RowEncoder {

  /**
   * The encoding of one input row ({@code ServingModel.inputRow}: maxLen ids, 0 = padding, the
   * column the encoding reads last).
   *
   * @return [H]
   * @throws IllegalArgumentException if the row's length is not the model's or its last column is
   *     padding (an empty history)
   */
  float[] encode(int[] row);

  /** Name of the kernel in use (logs, benchmarks). */
  String kernelName();
}
