package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.llmemb.engine.Scalars;
import io.llmemb.llm.lora.Projection;

/**
 * The LLaMA forward pass on DJL NDArrays: token embedding, {@code layers} pre-norm blocks of
 * grouped-query attention with RoPE and a SwiGLU MLP, final RMSNorm, LM head. Matches llama2.c's
 * {@code run.c} and HF's {@code LlamaForCausalLM} (in their respective {@link RopeLayout}s). Every
 * linear map goes through a {@link Projection}, the LoRA seam.
 *
 * <p>Batches are right-padded; the attention mask is causal AND key-padding, so real tokens never
 * see padding and padding rows (ignored by pooling) stay finite.
 */
public final class LlamaDecoder {
  /**
   * Additive score for a masked key: finite so that 0 * bias stays 0, and exp() underflows to
   * exactly 0.
   */
  private static final float MASKED_SCORE = -1e9f;

  private final LlamaConfig config;
  private final RotaryEmbedding rope;
  private volatile LlamaWeights weights;

  /** Validates {@code weights} against {@code config}; the RoPE tables go to {@code manager}. */
  public LlamaDecoder(LlamaConfig config, LlamaWeights weights, NDManager manager) {
    weights.validate(config);
    this.config = config;
    this.weights = weights;
    this.rope = new RotaryEmbedding(config, manager, weights.tokenEmbedding().getDataType());
  }

  /** Architecture. */
  public LlamaConfig config() {
    return config;
  }

  /** Current weights (with any installed projection wrappers). */
  public LlamaWeights weights() {
    return weights;
  }

  /** Swaps projections, e.g. to install LoRA; see {@link Projection}. */
  void replaceProjections(ProjectionMapper mapper) {
    LlamaWeights next = weights.mapProjections(mapper);
    next.validate(config);
    this.weights = next;
  }

  /**
   * Final-RMSNorm hidden states.
   *
   * @param ids int64 {@code [batch, time]}
   * @param mask boolean {@code [batch, time]}, true at real tokens (right padding)
   * @return {@code [batch, time, dim]} in the weights' dtype
   */
  public NDArray hiddenStates(NDArray ids, NDArray mask, boolean training) {
    LlamaWeights w = weights;
    NDArray x = Embedding.embedding(ids, w.tokenEmbedding(), SparseFormat.DENSE).singletonOrThrow();
    NDArray bias = attentionBias(mask);
    for (LlamaLayerWeights layer : w.layers()) {
      x =
          x.add(
              attention(
                  RmsNorm.apply(x, layer.attentionNorm(), config.normEps()),
                  layer,
                  bias,
                  training));
      x = x.add(mlp(RmsNorm.apply(x, layer.ffnNorm(), config.normEps()), layer, training));
    }
    return RmsNorm.apply(x, w.finalNorm(), config.normEps());
  }

  /** LM-head logits {@code [..., vocab]} of final-norm hidden states. */
  public NDArray logits(NDArray hidden) {
    return ai.djl.nn.core.Linear.linear(hidden, weights.lmHead()).singletonOrThrow();
  }

  /**
   * fp32 {@code [batch, 1, time, time]}: 0 where query t may see key s (s <= t and s real), else a
   * large negative.
   */
  private static NDArray attentionBias(NDArray mask) {
    Shape shape = mask.getShape();
    long batch = shape.get(0);
    long time = shape.get(1);
    NDManager manager = mask.getManager();
    NDArray positions = manager.arange(0, (int) time, 1, DataType.INT64, mask.getDevice());
    NDArray causal =
        positions.reshape(time, 1).gte(positions.reshape(1, time)).reshape(1, 1, time, time);
    NDArray allowed = causal.logicalAnd(mask.reshape(batch, 1, 1, time));
    return Scalars.mul(allowed.logicalNot().toType(DataType.FLOAT32, false), MASKED_SCORE);
  }

  private NDArray attention(NDArray x, LlamaLayerWeights layer, NDArray bias, boolean training) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long time = shape.get(1);
    int headDim = config.headDim();
    NDArray q = heads(layer.projection(ProjectionName.Q).forward(x, training), config.heads());
    NDArray k = heads(layer.projection(ProjectionName.K).forward(x, training), config.kvHeads());
    NDArray v = heads(layer.projection(ProjectionName.V).forward(x, training), config.kvHeads());
    q = rope.apply(q);
    k = repeatKv(rope.apply(k));
    v = repeatKv(v);
    NDArray scores =
        Scalars.div(
                q.matMul(k.transpose(0, 1, 3, 2)).toType(DataType.FLOAT32, false),
                (float) Math.sqrt(headDim))
            .add(bias);
    NDArray probs = scores.softmax(3).toType(x.getDataType(), false);
    NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, time, config.dim());
    return layer.projection(ProjectionName.O).forward(context, training);
  }

  /** {@code [batch, time, n * headDim]} to {@code [batch, n, time, headDim]}. */
  private NDArray heads(NDArray projected, int n) {
    Shape shape = projected.getShape();
    return projected.reshape(shape.get(0), shape.get(1), n, config.headDim()).transpose(0, 2, 1, 3);
  }

  /** GQA: query head h reads key/value head {@code h / groupSize} (llama2.c {@code h / kv_mul}). */
  private NDArray repeatKv(NDArray kv) {
    int group = config.groupSize();
    if (group == 1) {
      return kv;
    }
    Shape s = kv.getShape();
    return kv.expandDims(2)
        .broadcast(s.get(0), s.get(1), group, s.get(2), s.get(3))
        .reshape(s.get(0), s.get(1) * group, s.get(2), s.get(3));
  }

  private static NDArray mlp(NDArray x, LlamaLayerWeights layer, boolean training) {
    NDArray gate = layer.projection(ProjectionName.GATE).forward(x, training);
    NDArray up = layer.projection(ProjectionName.UP).forward(x, training);
    NDArray swish = gate.mul(Activation.sigmoid(gate));
    return layer.projection(ProjectionName.DOWN).forward(swish.mul(up), training);
  }
}
