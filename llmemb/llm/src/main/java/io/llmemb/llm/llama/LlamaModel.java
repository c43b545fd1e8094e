package io.llmemb.llm.llama;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.llm.TextEncoder;
import io.llmemb.llm.TokenStatistics;
import io.llmemb.llm.lora.FrozenLinear;
import io.llmemb.llm.lora.LoraAdapters;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import io.llmemb.llm.tokenize.LlamaTokenizer;
import io.llmemb.llm.tokenize.PromptEncoder;
import io.llmemb.llm.tokenize.TokenBatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LLaMA-family decoder as an LLMEmb {@link TextEncoder}: prompts are encoded with
 * docs/llmemb-method.md §2 policy (no BOS, truncate, EOS, right-pad with unk), run through the
 * decoder with causal + key-padding masks, and the final-RMSNorm hidden states are mean-pooled over
 * prompt + EOS (§3). Built by {@link LlamaModels}.
 *
 * <p>LoRA: {@link #attachLora(LoraConfig, long)} wraps the configured ones of the seven per-layer
 * projections (q, k, v, o, gate, up, down; docs/llmemb-method.md §3) through the seam {@link
 * #replaceProjections(ProjectionMapper, String)}; {@link #trainableParameters()} gathers what the
 * installed projections expose.
 */
public final class LlamaModel implements LoraTextEncoder, TokenStatistics {
  private static final Pattern MODULE =
      Pattern.compile("model\\.layers\\.(\\d+)\\.(?:self_attn|mlp)\\.(\\w+)");

  private final NDManager manager;
  private final LlamaDecoder decoder;
  private final LlamaTokenizer tokenizer;
  private final PromptEncoder prompts;
  private final String baseWeightsId;
  private final LoraAdapters lora = new LoraAdapters();
  private final AtomicLong tokens = new AtomicLong();
  private volatile String modelId;

  /** Takes ownership of {@code manager} (which holds the weights) and {@code tokenizer}. */
  LlamaModel(
      String modelId,
      NDManager manager,
      LoadedCheckpoint checkpoint,
      LlamaTokenizer tokenizer,
      LlamaRuntimeOptions options) {
    if (tokenizer.vocabSize() > checkpoint.config().vocabSize()) {
      throw new IllegalArgumentException(
          "tokenizer has "
              + tokenizer.vocabSize()
              + " ids but the model only "
              + checkpoint.config().vocabSize()
              + " embedding rows");
    }
    this.modelId = modelId;
    this.baseWeightsId = modelId;
    this.manager = manager;
    this.decoder = new LlamaDecoder(checkpoint.config(), checkpoint.weights(), manager);
    this.tokenizer = tokenizer;
    this.prompts =
        new PromptEncoder(
            tokenizer, Math.min(options.maxTokens(), checkpoint.config().maxSeqLen()));
  }

  /**
   * The weights' id, with {@code +lora:<digest>} while unmerged or merged adapters are attached.
   */
  @Override
  public String modelId() {
    return lora.modelId(modelId);
  }

  @Override
  public String baseWeightsId() {
    return baseWeightsId;
  }

  @Override
  public List<String> defaultLoraTargets() {
    return LoraConfig.LLAMA_ALL;
  }

  @Override
  public Map<String, LoraLinear> attachLora(LoraConfig config, long seed) {
    lora.requireNone();
    config.targetModules().forEach(ProjectionName::byHfName);
    Engine.getInstance().setRandomSeed((int) seed);
    installLora(config, (layer, name) -> config.targetModules().contains(name.hfName()), null);
    return lora.modules();
  }

  @Override
  public void attachLora(LoraConfig config, Map<String, NDArray[]> weights) {
    lora.requireNone();
    for (String name : weights.keySet()) {
      Matcher m = MODULE.matcher(name);
      if (!m.matches() || Integer.parseInt(m.group(1)) >= config().layers()) {
        throw new IllegalArgumentException(
            "LoRA module '"
                + name
                + "' is not a projection of this "
                + config().layers()
                + "-layer decoder");
      }
      ProjectionName.byHfName(m.group(2));
    }
    installLora(config, (layer, name) -> weights.containsKey(name.moduleName(layer)), weights);
  }

  /**
   * Wraps every projection {@code selected} picks: fresh adapters when {@code saved} is null, else
   * saved ones.
   */
  private void installLora(
      LoraConfig config,
      BiPredicate<Integer, ProjectionName> selected,
      Map<String, NDArray[]> saved) {
    replaceProjections(
        (layer, name, base) -> {
          if (!selected.test(layer, name)) {
            return base;
          }
          if (!(base instanceof Linear linear)) {
            throw new IllegalStateException(name.moduleName(layer) + " is already wrapped");
          }
          FrozenLinear frozen = new FrozenLinear(linear.weight(), null);
          LoraLinear wrapped;
          if (saved == null) {
            wrapped = LoraLinear.initialise(frozen, config, manager);
          } else {
            wrapped =
                LoraLinear.restore(frozen, saved.get(name.moduleName(layer)), config, manager);
          }
          lora.put(name.moduleName(layer), wrapped);
          return wrapped;
        },
        modelId);
  }

  @Override
  public Map<String, LoraLinear> loraModules() {
    return lora.modules();
  }

  @Override
  public void mergeLora() {
    lora.merge();
  }

  @Override
  public long truncatedPrompts() {
    return prompts.truncatedCount();
  }

  @Override
  public long tokensEncoded() {
    return tokens.get();
  }

  @Override
  public int dimension() {
    return decoder.config().dim();
  }

  @Override
  public int maxTokens() {
    return prompts.maxTokens();
  }

  /** Architecture. */
  public LlamaConfig config() {
    return decoder.config();
  }

  /** The tokenizer (its {@code encode(text, true)} is llama2.c's reference encoding). */
  public LlamaTokenizer tokenizer() {
    return tokenizer;
  }

  /** The §2 prompt policy in use, with its truncation counter. */
  public PromptEncoder promptEncoder() {
    return prompts;
  }

  /** The forward pass (weights, projections). */
  public LlamaDecoder decoder() {
    return decoder;
  }

  /** Device holding the weights. */
  public Device device() {
    return manager.getDevice();
  }

  /** A child manager on the model's device for temporary arrays. */
  public NDManager newScope() {
    return manager.newSubManager();
  }

  /**
   * Installs wrapped projections (LoRA) in every layer and records the new weight state's id.
   *
   * @param newModelId identifier of weights + adapter state, written into embedding artifacts
   */
  public void replaceProjections(ProjectionMapper mapper, String newModelId) {
    decoder.replaceProjections(mapper);
    this.modelId = newModelId;
  }

  @Override
  public NDArray encode(NDManager out, List<String> texts, boolean training) {
    TokenBatch batch = prompts.encodeBatch(texts);
    tokens.addAndGet(batch.realTokens());
    return encodeTokens(out, batch, training);
  }

  /**
   * Mean-pooled final-norm hidden states of an already tokenised batch, fp32 {@code [batch, dim]}
   * attached to {@code out}. In training mode the intermediates are created under {@code out} so
   * the autograd graph stays alive until the caller's backward pass; otherwise they are freed at
   * once.
   */
  public NDArray encodeTokens(NDManager out, TokenBatch batch, boolean training) {
    if (training) {
      return pooled(out, batch, true);
    }
    try (NDManager scope = newScope()) {
      NDArray pooled = pooled(scope, batch, false).toDevice(out.getDevice(), false);
      pooled.attach(out);
      return pooled;
    }
  }

  private NDArray pooled(NDManager scope, TokenBatch batch, boolean training) {
    NDArray mask = batch.maskArray(scope).toDevice(device(), false);
    NDArray hidden =
        decoder.hiddenStates(batch.idsArray(scope).toDevice(device(), false), mask, training);
    return MeanPooling.pool(hidden, mask);
  }

  /** Final-norm hidden states {@code [batch, width, dim]} under {@code scope}. */
  public NDArray hiddenStates(NDManager scope, TokenBatch batch) {
    NDArray ids = batch.idsArray(scope).toDevice(device(), false);
    return decoder.hiddenStates(ids, batch.maskArray(scope).toDevice(device(), false), false);
  }

  /**
   * LM-head logits at each row's last real position, fp32 {@code [batch, vocab]} under {@code
   * scope}.
   */
  public NDArray lastPositionLogits(NDManager scope, TokenBatch batch) {
    NDArray hidden = hiddenStates(scope, batch);
    NDList last = new NDList(batch.batchSize());
    for (int b = 0; b < batch.batchSize(); b++) {
      last.add(hidden.get(b, batch.lengths()[b] - 1));
    }
    return decoder
        .logits(NDArrays.stack(last))
        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
  }

  @Override
  public NDList trainableParameters() {
    NDList params = new NDList();
    for (LlamaLayerWeights layer : decoder.weights().layers()) {
      for (ProjectionName name : ProjectionName.values()) {
        params.addAll(layer.projection(name).trainableParameters());
      }
    }
    return params;
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
