package io.llmemb.serving.encoding;

import io.llmemb.srs.GruWeights;
import java.util.Arrays;

/**
 * GRU4Rec's user encoding (one GRU layer without biases over the history's item rows; the state
 * after the last column) computed in plain Java from {@link GruWeights}, as {@link
 * TransformerUserEncoder} does for the transformers. PyTorch's gate equations: {@code r = σ(W_ir x
 * + W_hr h)}, {@code z = σ(W_iz x + W_hz h)}, {@code n = tanh(W_in x + r ⊙ W_hn h)}, {@code h' = (1
 * - z) ⊙ n + z ⊙ h}. Leading padding is skipped: with a zero input, a zero state and no bias the
 * state stays exactly zero, which is why the model zeroes padding inputs. Safe for concurrent use.
 */
public final class GruUserEncoder implements RowEncoder {

  private final GruWeights w;
  private final RowSource rows;
  private final GemmKernel kernel;
  private final int h;
  private final float[] inputT;
  private final float[] recurrentT;
  private final ThreadLocal<float[][]> scratch;

  /** With the best kernel of this JVM ({@link GemmKernel#best()}). */
  public GruUserEncoder(GruWeights weights, RowSource rows) {
    this(weights, rows, GemmKernel.best());
  }

  /**
   * @param weights the backbone's weights
   * @param rows input vectors of item ids {@code 1..weights.numItems()}
   * @param kernel products
   */
  public GruUserEncoder(GruWeights weights, RowSource rows, GemmKernel kernel) {
    this.w = weights;
    this.rows = rows;
    this.kernel = kernel;
    this.h = weights.hidden();
    // [3H, H] → [H, 3H]: the three gates of one input component are then one contiguous row.
    this.inputT = transpose(weights.weightIh(), 3 * h, h);
    this.recurrentT = transpose(weights.weightHh(), 3 * h, h);
    this.scratch =
        ThreadLocal.withInitial(
            () -> new float[][] {new float[h], new float[3 * h], new float[3 * h]});
  }

  @Override
  public float[] encode(int[] row) {
    if (row.length == 0 || row[row.length - 1] == 0) {
      throw new IllegalArgumentException("the input row is empty or its last column is padding");
    }
    float[][] s = scratch.get();
    float[] x = s[0];
    float[] gates = s[1];
    float[] recurrent = s[2];
    float[] state = new float[h];
    boolean started = false;
    for (int id : row) {
      if (id == 0 && !started) {
        continue;
      }
      started = true;
      Arrays.fill(gates, 0f);
      if (id != 0) {
        rows.copy(id, x, 0);
        kernel.weightedSum(h, 3 * h, x, inputT, 0, 3 * h, gates, 0);
      }
      Arrays.fill(recurrent, 0f);
      kernel.weightedSum(h, 3 * h, state, recurrentT, 0, 3 * h, recurrent, 0);
      for (int j = 0; j < h; j++) {
        float r = sigmoid(gates[j] + recurrent[j]);
        float z = sigmoid(gates[h + j] + recurrent[h + j]);
        float n = (float) Math.tanh(gates[2 * h + j] + r * recurrent[2 * h + j]);
        state[j] = (1f - z) * n + z * state[j];
      }
    }
    return state;
  }

  @Override
  public String kernelName() {
    return kernel.name();
  }

  private static float sigmoid(float v) {
    return (float) (1.0 / (1.0 + Math.exp(-v)));
  }

  private static float[] transpose(float[] m, int rowsIn, int colsIn) {
    float[] t = new float[m.length];
    for (int i = 0; i < rowsIn; i++) {
      for (int j = 0; j < colsIn; j++) {
        t[j * rowsIn + i] = m[i * colsIn + j];
      }
    }
    return t;
  }
}
