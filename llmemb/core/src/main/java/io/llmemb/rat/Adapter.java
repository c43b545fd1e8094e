package io.llmemb.rat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.llmemb.srs.Layers;
import io.llmemb.srs.ParameterSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainable network of the RAT adapter: linear layers d → hiddenWidths… → out, with the
 * configured activation and dropout between layers (docs/llmemb-method.md §4: {@code e = W₂(W₁·ē +
 * b₁) + b₂}). Weights are Xavier-normal like every 2-D parameter of the official models; biases
 * PyTorch's {@code nn.Linear} default U(±1/√fanIn).
 *
 * <p>Usable on its own by other item providers (the fused ID + text view) that need the same text
 * path.
 */
public final class Adapter {

  private final AdapterConfig config;
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> biases = new ArrayList<>();

  /**
   * @param params where the weights are registered, as {@code <prefix>.w<i>} and {@code
   *     <prefix>.b<i>}
   * @param prefix parameter name prefix
   * @param config layer widths, activation, dropout
   * @param outDim width of the output (the backbone's H)
   */
  public Adapter(ParameterSet params, String prefix, AdapterConfig config, int outDim) {
    this.config = config;
    List<Integer> widths = new ArrayList<>(config.hiddenWidths());
    widths.add(outDim);
    int in = config.inputDim();
    for (int i = 0; i < widths.size(); i++) {
      int out = widths.get(i);
      weights.add(params.xavier(prefix + ".w" + i, in, out));
      biases.add(params.uniform(prefix + ".b" + i, new Shape(out), (float) (1.0 / Math.sqrt(in))));
      in = out;
    }
  }

  /** The configuration. */
  public AdapterConfig config() {
    return config;
  }

  /**
   * @param x [..., d]
   * @param training whether dropout is active
   * @return [..., out]
   */
  public NDArray forward(NDArray x, boolean training) {
    NDArray y = x;
    for (int i = 0; i < weights.size(); i++) {
      if (i > 0) {
        y = Layers.dropout(activate(y), config.dropout(), training);
      }
      y = Layers.linear(y, weights.get(i), biases.get(i));
    }
    return y;
  }

  private NDArray activate(NDArray x) {
    return switch (config.activation()) {
      case NONE -> x;
      case GELU -> ai.djl.nn.Activation.gelu(x);
      case RELU -> ai.djl.nn.Activation.relu(x);
    };
  }
}
