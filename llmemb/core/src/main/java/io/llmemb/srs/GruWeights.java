package io.llmemb.srs;

/**
 * {@link Gru4Rec}'s inference weights: one GRU layer without biases, PyTorch's layout (gates r, z,
 * n stacked along the rows: {@code gate = W[gH .. gH + H) · input}).
 *
 * @param hidden H
 * @param numItems largest item id
 * @param weightIh input weights {@code [3H, H]}
 * @param weightHh recurrent weights {@code [3H, H]}
 */
public record GruWeights(int hidden, int numItems, float[] weightIh, float[] weightHh)
    implements BackboneWeights {

  /** Validates the shapes. */
  public GruWeights {
    if (hidden < 1
        || weightIh.length != 3 * hidden * hidden
        || weightHh.length != weightIh.length) {
      throw new IllegalArgumentException(
          "GRU weights are not [3 x " + hidden + ", " + hidden + "]");
    }
  }
}
