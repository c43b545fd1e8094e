package io.llmemb.srs;

import java.util.List;

/**
 * The inference weights of a {@link TransformerRecommender} as plain arrays, for an engine-free
 * forward pass (serving encodes one history per event, where the engine's per-operation overhead is
 * most of the cost). Matrices are row-major {@code [in, out]} as the model stores them ({@code y =
 * x·W + b}); vectors are {@code [H]}.
 *
 * @param hidden model width H
 * @param heads attention heads (H divisible by it)
 * @param causal whether position t attends only to positions ≤ t (SASRec) or to all (Bert4Rec)
 * @param positions position table {@code [maxLen + 1, H]}; row 0 is padding's
 * @param blocks the encoder blocks, first to last
 * @param lastGamma final LayerNorm scale
 * @param lastBeta final LayerNorm shift
 * @param numItems largest item id; ids above it are extra tokens
 * @param extraRows input vectors {@code [extra, H]} of ids {@code numItems + 1 ..} (Bert4Rec's
 *     [MASK]); empty for SASRec
 */
public record TransformerWeights(
    int hidden,
    int heads,
    boolean causal,
    float[] positions,
    List<Block> blocks,
    float[] lastGamma,
    float[] lastBeta,
    int numItems,
    float[] extraRows)
    implements BackboneWeights {

  /** Validates the shapes. */
  public TransformerWeights {
    if (hidden < 1 || heads < 1 || hidden % heads != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " / heads " + heads);
    }
    if (positions.length % hidden != 0 || positions.length < 2 * hidden) {
      throw new IllegalArgumentException("position table is not [maxLen + 1, " + hidden + "]");
    }
    if (lastGamma.length != hidden || lastBeta.length != hidden || extraRows.length % hidden != 0) {
      throw new IllegalArgumentException(
          "final LayerNorm or extra rows are not " + hidden + " wide");
    }
    blocks = List.copyOf(blocks);
    for (Block b : blocks) {
      b.check(hidden);
    }
  }

  /** Longest input row. */
  public int maxLen() {
    return positions.length / hidden - 1;
  }

  /**
   * One pre-LN block (see {@link TransformerEncoder}): {@code q = LN1(x); x = q + MHA(q, x, x); x =
   * LN2(x); x = x + FFN(x)}.
   */
  public record Block(
      float[] ln1Gamma,
      float[] ln1Beta,
      float[] wq,
      float[] bq,
      float[] wk,
      float[] bk,
      float[] wv,
      float[] bv,
      float[] wo,
      float[] bo,
      float[] ln2Gamma,
      float[] ln2Beta,
      float[] w1,
      float[] b1,
      float[] w2,
      float[] b2) {

    void check(int h) {
      for (float[] v : List.of(ln1Gamma, ln1Beta, bq, bk, bv, bo, ln2Gamma, ln2Beta, b1, b2)) {
        if (v.length != h) {
          throw new IllegalArgumentException("block vector is not " + h + " wide");
        }
      }
      for (float[] m : List.of(wq, wk, wv, wo, w1, w2)) {
        if (m.length != h * h) {
          throw new IllegalArgumentException("block matrix is not [" + h + ", " + h + "]");
        }
      }
    }
  }
}
