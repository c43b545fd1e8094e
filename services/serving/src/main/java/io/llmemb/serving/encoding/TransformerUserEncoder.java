package io.llmemb.serving.encoding;

import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.srs.Layers;
import io.llmemb.srs.TransformerWeights;
import java.util.Arrays;
import java.util.List;

/**
 * A transformer backbone's user encoding (SASRec, Bert4Rec; the model's {@code encodeAll} and last
 * row, in inference mode) computed in plain Java from {@link TransformerWeights}: per event serving
 * encodes one history of at most max_len items at H 64, a few million multiply-adds, where the
 * engine's fixed cost per operation (about a hundred operations) was most of the time.
 *
 * <p>Same computation as the engine's, in the same order per element, so the results agree to float
 * rounding (a test holds them within 1e-4 for every backbone and item representation). Two
 * shortcuts, both exact: padding columns are never computed (their keys are masked and their
 * outputs are never read), and the last block computes its queries, feed-forward and output for the
 * last column only, the one the encoding returns (keys and values still cover every column).
 *
 * <p>Input rows of item ids come from a {@link RowSource} (serving's item matrix holds them once);
 * extra tokens (Bert4Rec's [MASK]) from the weights. Safe for concurrent use: scratch space is per
 * thread.
 */
public final class TransformerUserEncoder implements RowEncoder {

  private final TransformerWeights w;
  private final RowSource rows;
  private final GemmKernel kernel;
  private final DotKernel dot;
  private final int h;
  private final int headDim;
  private final float inputScale;
  private final float scoreScale;
  private final ThreadLocal<Scratch> scratch;

  /**
   * With the best kernels of this JVM ({@link GemmKernel#best()}, {@link DotKernel#best()}).
   *
   * @param weights the backbone's weights
   * @param rows input vectors of item ids {@code 1..weights.numItems()}
   */
  public TransformerUserEncoder(TransformerWeights weights, RowSource rows) {
    this(weights, rows, GemmKernel.best(), DotKernel.best());
  }

  /**
   * @param weights the backbone's weights
   * @param rows input vectors of item ids {@code 1..weights.numItems()}
   * @param kernel products
   * @param dot attention's dot products
   */
  public TransformerUserEncoder(
      TransformerWeights weights, RowSource rows, GemmKernel kernel, DotKernel dot) {
    this.w = weights;
    this.rows = rows;
    this.kernel = kernel;
    this.dot = dot;
    this.h = weights.hidden();
    this.headDim = h / weights.heads();
    // The engine multiplies by the float √H and divides by the float √d: same constants here.
    this.inputScale = (float) Math.sqrt(h);
    this.scoreScale = (float) Math.sqrt(headDim);
    int len = weights.maxLen();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(len, h));
  }

  @Override
  public String kernelName() {
    return kernel.name();
  }

  @Override
  public float[] encode(int[] row) {
    int len = w.maxLen();
    if (row.length != len) {
      throw new IllegalArgumentException("input row has " + row.length + " ids, not " + len);
    }
    if (row[len - 1] == 0) {
      throw new IllegalArgumentException("the input row's last column is padding");
    }
    Scratch s = scratch.get();
    int n = embed(row, s);
    List<TransformerWeights.Block> blocks = w.blocks();
    for (int b = 0; b < blocks.size(); b++) {
      boolean last = b == blocks.size() - 1;
      block(blocks.get(b), n, last ? n - 1 : 0, s);
    }
    float[] out = new float[h];
    layerNorm(s.x, (n - 1) * h, w.lastGamma(), w.lastBeta(), out, 0);
    return out;
  }

  /** x = E[id]·√H + P[column + 1] over the non-padding columns, in order; returns their count. */
  private int embed(int[] row, Scratch s) {
    int n = 0;
    float[] extra = w.extraRows();
    for (int col = 0; col < row.length; col++) {
      int id = row[col];
      if (id == 0) {
        continue;
      }
      int at = n * h;
      if (id <= w.numItems()) {
        rows.copy(id, s.x, at);
      } else {
        System.arraycopy(extra, (id - w.numItems() - 1) * h, s.x, at, h);
      }
      int pos = (col + 1) * h;
      for (int j = 0; j < h; j++) {
        s.x[at + j] = s.x[at + j] * inputScale + w.positions()[pos + j];
      }
      n++;
    }
    return n;
  }

  /**
   * One block over rows {@code 0..n-1} of {@code s.x}; queries, output and feed-forward only from
   * row {@code from} on (the last block needs only the last row).
   */
  private void block(TransformerWeights.Block b, int n, int from, Scratch s) {
    int m = n - from; // rows whose output is computed
    int base = from * h;
    for (int i = from; i < n; i++) {
      layerNorm(s.x, i * h, b.ln1Gamma(), b.ln1Beta(), s.q, i * h);
    }
    linear(s.q, base, m, b.wq(), b.bq(), s.qp, base);
    linear(s.x, 0, n, b.wk(), b.bk(), s.k, 0);
    linear(s.x, 0, n, b.wv(), b.bv(), s.v, 0);
    attention(n, from, s);
    linear(s.ctx, base, m, b.wo(), b.bo(), s.t, base);
    for (int i = base; i < n * h; i++) {
      s.x[i] = s.q[i] + s.t[i];
    }
    for (int i = from; i < n; i++) {
      layerNorm(s.x, i * h, b.ln2Gamma(), b.ln2Beta(), s.x, i * h);
    }
    linear(s.x, base, m, b.w1(), b.b1(), s.t, base);
    for (int i = base; i < n * h; i++) {
      s.t[i] = Math.max(0f, s.t[i]);
    }
    linear(s.t, base, m, b.w2(), b.b2(), s.f, base);
    for (int i = base; i < n * h; i++) {
      s.x[i] += s.f[i];
    }
  }

  /** Multi-head attention of query rows {@code from..n-1} over key rows {@code 0..n-1}. */
  private void attention(int n, int from, Scratch s) {
    int heads = w.heads();
    int d = headDim;
    Arrays.fill(s.ctx, from * h, n * h, 0f);
    for (int i = from; i < n; i++) {
      int keys = w.causal() ? i + 1 : n;
      for (int head = 0; head < heads; head++) {
        dot.dots(keys, d, s.qp, i * h + head * d, s.k, head * d, h, s.scores);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
          s.scores[j] = s.scores[j] / scoreScale;
          max = Math.max(max, s.scores[j]);
        }
        float sum = 0f;
        for (int j = 0; j < keys; j++) {
          float e = (float) Math.exp(s.scores[j] - max);
          s.scores[j] = e;
          sum += e;
        }
        for (int j = 0; j < keys; j++) {
          s.scores[j] /= sum;
        }
        kernel.weightedSum(keys, d, s.scores, s.v, head * d, h, s.ctx, i * h + head * d);
      }
    }
  }

  /** {@code y[rows] = x[rows]·W + bias} for {@code count} rows from offset {@code at}. */
  private void linear(
      float[] x, int at, int count, float[] weight, float[] bias, float[] y, int to) {
    for (int i = 0; i < count; i++) {
      System.arraycopy(bias, 0, y, to + i * h, h);
    }
    kernel.linear(count, h, x, at, weight, y, to);
  }

  /** LayerNorm of one row (biased variance, the engine's epsilon); {@code out} may be {@code x}. */
  private void layerNorm(float[] x, int at, float[] gamma, float[] beta, float[] out, int to) {
    float mean = 0f;
    for (int j = 0; j < h; j++) {
      mean += x[at + j];
    }
    mean /= h;
    float var = 0f;
    for (int j = 0; j < h; j++) {
      float c = x[at + j] - mean;
      var += c * c;
    }
    var /= h;
    float inv = (float) (1.0 / Math.sqrt(var + Layers.LAYER_NORM_EPS));
    for (int j = 0; j < h; j++) {
      out[to + j] = (x[at + j] - mean) * inv * gamma[j] + beta[j];
    }
  }

  /** One thread's buffers, sized for the longest row. */
  private static final class Scratch {
    final float[] x;
    final float[] q;
    final float[] qp;
    final float[] k;
    final float[] v;
    final float[] ctx;
    final float[] t;
    final float[] f;
    final float[] scores;

    Scratch(int len, int h) {
      x = new float[len * h];
      q = new float[len * h];
      qp = new float[len * h];
      k = new float[len * h];
      v = new float[len * h];
      ctx = new float[len * h];
      t = new float[len * h];
      f = new float[len * h];
      scores = new float[len];
    }
  }
}
