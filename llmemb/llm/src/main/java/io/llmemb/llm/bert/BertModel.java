package io.llmemb.llm.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import io.llmemb.engine.Scalars;
import io.llmemb.llm.bert.BertWeightMapper.MappedBert;
import io.llmemb.llm.bert.OnnxGraph.OnnxTensor;
import io.llmemb.llm.lora.FrozenLinear;
import io.llmemb.llm.lora.Projection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BERT encoder forward pass on DJL NDArrays (Devlin et al. 2019, post-LN): embeddings (word +
 * position + token type) → LayerNorm → N × [self-attention with key-padding mask → dense → residual
 * LayerNorm → dense → exact (erf) GELU → dense → residual LayerNorm]. Dropout inside the base model
 * is off: only the LoRA branch has dropout in SCFT (docs/llmemb-method.md §3), the pretrained model
 * is frozen.
 */
public final class BertModel {

  /** Additive bias for masked keys; large enough that exp() underflows to 0 in fp32 and fp16. */
  private static final float MASK_BIAS = -1e4f;

  private final BertConfig config;
  private final NDArray wordEmb;
  private final NDArray posEmb;
  private final NDArray typeEmb;
  private final NDArray embLnGamma;
  private final NDArray embLnBeta;
  private final List<BertLayerWeights> layers;

  private BertModel(
      BertConfig config,
      NDArray wordEmb,
      NDArray posEmb,
      NDArray typeEmb,
      NDArray embLnGamma,
      NDArray embLnBeta,
      List<BertLayerWeights> layers) {
    this.config = config;
    this.wordEmb = wordEmb;
    this.posEmb = posEmb;
    this.typeEmb = typeEmb;
    this.embLnGamma = embLnGamma;
    this.embLnBeta = embLnBeta;
    this.layers = layers;
  }

  /** Copies the mapped float32 weights into {@code manager}, cast to {@code dtype}. */
  public static BertModel create(MappedBert mapped, NDManager manager, DataType dtype) {
    Map<String, OnnxTensor> p = mapped.parameters();
    BertConfig c = mapped.config();
    List<BertLayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      String prefix = "encoder.layer." + l + ".";
      Map<String, Projection> proj = new LinkedHashMap<>();
      for (String m : BertLayerWeights.MODULES) {
        proj.put(
            m,
            new FrozenLinear(
                nd(p, prefix + m + ".weight", manager, dtype),
                nd(p, prefix + m + ".bias", manager, dtype)));
      }
      layers.add(
          new BertLayerWeights(
              proj,
              nd(p, prefix + "attention.output.LayerNorm.weight", manager, dtype),
              nd(p, prefix + "attention.output.LayerNorm.bias", manager, dtype),
              nd(p, prefix + "output.LayerNorm.weight", manager, dtype),
              nd(p, prefix + "output.LayerNorm.bias", manager, dtype)));
    }
    return new BertModel(
        c,
        nd(p, "embeddings.word_embeddings.weight", manager, dtype),
        nd(p, "embeddings.position_embeddings.weight", manager, dtype),
        nd(p, "embeddings.token_type_embeddings.weight", manager, dtype),
        nd(p, "embeddings.LayerNorm.weight", manager, dtype),
        nd(p, "embeddings.LayerNorm.bias", manager, dtype),
        layers);
  }

  private static NDArray nd(
      Map<String, OnnxTensor> p, String name, NDManager manager, DataType dtype) {
    OnnxTensor t = p.get(name);
    if (t == null) {
      throw new OnnxFormatException("missing BERT parameter " + name);
    }
    NDArray a = manager.create(t.data(), new Shape(t.dims()));
    a.setName(name);
    return dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
  }

  public BertConfig config() {
    return config;
  }

  /** Layer {@code index}'s projection for a module role (see {@link BertLayerWeights#MODULES}). */
  public Projection projection(int index, String module) {
    return layers.get(index).projection(module);
  }

  /** Replaces a projection, e.g. with a LoRA-wrapped one. */
  public void replaceProjection(int index, String module, Projection projection) {
    if (!layers.get(index).projections.containsKey(module)) {
      throw new IllegalArgumentException(
          "unknown BERT module '" + module + "'; known: " + BertLayerWeights.MODULES);
    }
    layers.get(index).projections.put(module, projection);
  }

  /**
   * Runs the encoder.
   *
   * @param inputIds [B, T] int64
   * @param attentionMask [B, T] int64, 1 for real tokens
   * @return last hidden state [B, T, hidden]
   */
  public NDArray forward(NDArray inputIds, NDArray attentionMask, boolean training) {
    long t = inputIds.getShape().get(1);
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException(
          "sequence length " + t + " exceeds max positions " + config.maxPositions());
    }
    NDManager m = inputIds.getManager();
    NDArray positions = m.arange(0, t, 1, DataType.INT64);
    NDArray types = inputIds.zerosLike();
    NDArray x =
        embed(inputIds, wordEmb)
            .add(embed(positions, posEmb).expandDims(0))
            .add(embed(types, typeEmb));
    x = layerNorm(x, embLnGamma, embLnBeta);
    NDArray bias =
        Scalars.mul(attentionMask.toType(x.getDataType(), false).neg().add(1), MASK_BIAS)
            .reshape(attentionMask.getShape().get(0), 1, 1, t);
    for (BertLayerWeights layer : layers) {
      x = layer(x, bias, layer, training);
    }
    return x;
  }

  private NDArray layer(NDArray x, NDArray maskBias, BertLayerWeights w, boolean training) {
    NDArray attn = attention(x, maskBias, w, training);
    NDArray h =
        layerNorm(
            w.projection(BertLayerWeights.ATTN_OUT).forward(attn, training).add(x),
            w.attnLnGamma,
            w.attnLnBeta);
    NDArray inter = gelu(w.projection(BertLayerWeights.INTERMEDIATE).forward(h, training));
    return layerNorm(
        w.projection(BertLayerWeights.OUTPUT).forward(inter, training).add(h),
        w.outLnGamma,
        w.outLnBeta);
  }

  private NDArray attention(NDArray x, NDArray maskBias, BertLayerWeights w, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    NDArray q = heads(w.projection(BertLayerWeights.QUERY).forward(x, training), b, t);
    NDArray k = heads(w.projection(BertLayerWeights.KEY).forward(x, training), b, t);
    NDArray v = heads(w.projection(BertLayerWeights.VALUE).forward(x, training), b, t);
    NDArray scores =
        Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(config.headDim())).add(maskBias);
    NDArray ctx = scores.softmax(-1).matMul(v);
    return ctx.transpose(0, 2, 1, 3).reshape(b, t, config.hidden());
  }

  private NDArray heads(NDArray x, long b, long t) {
    return x.reshape(b, t, config.heads(), config.headDim()).transpose(0, 2, 1, 3);
  }

  private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
    return LayerNorm.layerNorm(x, new Shape(config.hidden()), gamma, beta, config.layerNormEps())
        .singletonOrThrow();
  }

  /** Exact GELU as BERT: 0.5·x·(1 + erf(x/√2)). */
  private static NDArray gelu(NDArray x) {
    return Scalars.mul(x, 0.5).mul(Scalars.div(x, Math.sqrt(2.0)).erf().add(1));
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }
}
