package io.llmemb.llm.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.EngineConfig;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.llm.Pooling;
import io.llmemb.llm.TextEncoder;
import io.llmemb.llm.TokenStatistics;
import io.llmemb.llm.bert.BertWeightMapper.MappedBert;
import io.llmemb.llm.lora.FrozenLinear;
import io.llmemb.llm.lora.LoraAdapters;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import io.llmemb.llm.lora.Projection;
import io.llmemb.srs.Layers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pretrained BERT encoder (MiniLM, BGE-small) as an LLMEmb {@link TextEncoder}: HuggingFace
 * tokenizer with [CLS]/[SEP], truncation to {@code maxTokens}, right padding, and attention-masked
 * mean pooling of the last layer (docs/llmemb-method.md §3, §8). LoRA can be attached to the six
 * projections of every layer.
 */
public final class BertTextEncoder implements LoraTextEncoder, TokenStatistics {

  private static final Logger LOG = LoggerFactory.getLogger(BertTextEncoder.class);
  private static final int DIGEST_PREFIX = 12;

  private final BertEncoderOptions options;
  private final NDManager manager;
  private final HuggingFaceTokenizer tokenizer;
  private final BertModel model;
  private final String weightsDigest;
  private final LoraAdapters lora = new LoraAdapters();
  private final AtomicLong truncated = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();

  private BertTextEncoder(
      BertEncoderOptions options,
      NDManager manager,
      HuggingFaceTokenizer tokenizer,
      BertModel model,
      String weightsDigest) {
    this.options = options;
    this.manager = manager;
    this.tokenizer = tokenizer;
    this.model = model;
    this.weightsDigest = weightsDigest;
  }

  /**
   * Loads the encoder named by {@code options.spec()} from the classpath (the langchain4j model
   * jars).
   */
  public static BertTextEncoder open(BertEncoderOptions options) {
    Device device = EngineConfig.of(options.device(), options.threads()).applyDevice();
    EncoderSpec spec = options.spec();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    OnnxGraph graph;
    try (InputStream in = resource(spec.onnxResource())) {
      graph = OnnxModelReader.read(new DigestInputStream(in, sha), spec.onnxResource());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec.onnxResource(), e);
    }
    String digest = HexFormat.of().formatHex(sha.digest()).substring(0, DIGEST_PREFIX);
    MappedBert mapped =
        BertWeightMapper.map(
            graph, spec.heads(), EncoderSpec.BERT_LAYER_NORM_EPS, spec.onnxResource());
    if (options.maxTokens() > mapped.config().maxPositions()) {
      throw new IllegalArgumentException(
          "maxTokens "
              + options.maxTokens()
              + " exceeds the model's "
              + mapped.config().maxPositions()
              + " positions");
    }
    NDManager manager = NDManager.newBaseManager(device);
    BertModel model = BertModel.create(mapped, manager, options.dtype());
    HuggingFaceTokenizer tok;
    try (InputStream in = resource(spec.tokenizerResource())) {
      tok =
          HuggingFaceTokenizer.newInstance(
              in,
              Map.of(
                  "maxLength",
                  Integer.toString(options.maxTokens()),
                  "truncation",
                  "true",
                  "padding",
                  "true",
                  "addSpecialTokens",
                  "true"));
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException("cannot read " + spec.tokenizerResource(), e);
    }
    LOG.info("Loaded {} ({}): {} on {}", spec.key(), digest, mapped.config(), device);
    return new BertTextEncoder(options, manager, tok, model, digest);
  }

  private static InputStream resource(String name) {
    InputStream in = BertTextEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "classpath resource "
              + name
              + " not found: is the langchain4j embeddings jar on the classpath?");
    }
    return in;
  }

  @Override
  public List<String> defaultLoraTargets() {
    return LoraConfig.BERT_ALL;
  }

  /**
   * Wraps the configured projections of every layer with freshly initialised LoRA adapters (A
   * Kaiming-uniform from the engine RNG seeded with {@code seed}, B zero). Returns them by full
   * module name, e.g. {@code encoder.layer.0.attention.self.query}.
   */
  @Override
  public Map<String, LoraLinear> attachLora(LoraConfig config, long seed) {
    lora.requireNone();
    for (String target : config.targetModules()) {
      if (!BertLayerWeights.MODULES.contains(target)) {
        throw new IllegalArgumentException(
            "unknown BERT LoRA target '" + target + "'; known: " + BertLayerWeights.MODULES);
      }
    }
    Engine.getInstance().setRandomSeed((int) seed);
    for (int l = 0; l < model.config().layers(); l++) {
      for (String m : BertLayerWeights.MODULES) {
        if (config.targetModules().contains(m)) {
          Projection p = model.projection(l, m);
          LoraLinear wrapped = LoraLinear.initialise((FrozenLinear) p, config, manager);
          model.replaceProjection(l, m, wrapped);
          lora.put("encoder.layer." + l + "." + m, wrapped);
        }
      }
    }
    return lora.modules();
  }

  /**
   * Attaches previously saved adapters (A, B per module name) with the given config's scale and
   * dropout.
   */
  @Override
  public void attachLora(LoraConfig config, Map<String, NDArray[]> weights) {
    for (Map.Entry<String, NDArray[]> e : weights.entrySet()) {
      String name = e.getKey();
      int dot = name.indexOf('.', "encoder.layer.".length());
      if (!name.startsWith("encoder.layer.") || dot < 0) {
        throw new IllegalArgumentException("bad LoRA module name '" + name + "'");
      }
      int layer = Integer.parseInt(name.substring("encoder.layer.".length(), dot));
      String module = name.substring(dot + 1);
      LoraLinear wrapped =
          LoraLinear.restore(
              (FrozenLinear) model.projection(layer, module), e.getValue(), config, manager);
      model.replaceProjection(layer, module, wrapped);
      lora.put(name, wrapped);
    }
  }

  /** The attached adapters by full module name (empty when none). */
  @Override
  public Map<String, LoraLinear> loraModules() {
    return lora.modules();
  }

  /**
   * Folds every adapter into its base weight for inference (docs/llmemb-method.md §3, extraction).
   */
  @Override
  public void mergeLora() {
    lora.merge();
  }

  public BertConfig config() {
    return model.config();
  }

  public BertEncoderOptions options() {
    return options;
  }

  /** Identifies the frozen base weights: {@code <encoder>@<12 hex of the .onnx sha256>}. */
  @Override
  public String baseWeightsId() {
    return options.spec().key() + "@" + weightsDigest;
  }

  @Override
  public String modelId() {
    return lora.modelId(baseWeightsId() + "/max" + options.maxTokens());
  }

  @Override
  public int dimension() {
    return model.config().hidden();
  }

  @Override
  public int maxTokens() {
    return options.maxTokens();
  }

  /**
   * Tokenizes a batch: right-padded ids [B, T] and attention mask [B, T] (int64), attached to
   * {@code nd}.
   */
  public NDList tokenize(NDManager nd, List<String> texts) {
    Encoding[] enc = tokenizer.batchEncode(texts);
    long[][] ids = new long[enc.length][];
    long[][] mask = new long[enc.length][];
    long real = 0;
    for (int i = 0; i < enc.length; i++) {
      ids[i] = enc[i].getIds();
      mask[i] = enc[i].getAttentionMask();
      if (enc[i].exceedMaxLength()) {
        truncated.incrementAndGet();
      }
      for (long m : mask[i]) {
        real += m;
      }
    }
    tokens.addAndGet(real);
    return new NDList(
        nd.create(ids).toDevice(manager.getDevice(), false),
        nd.create(mask).toDevice(manager.getDevice(), false));
  }

  @Override
  public NDArray encode(NDManager nd, List<String> texts, boolean training) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("encode needs at least one text");
    }
    NDList batch = tokenize(nd, texts);
    NDArray ids = batch.get(0);
    NDArray mask = batch.get(1);
    ids.attach(nd);
    mask.attach(nd);
    NDArray hidden = model.forward(ids, mask, training);
    NDArray pooled = Pooling.mean(hidden, mask);
    if (options.l2Normalize()) {
      pooled = Layers.l2Normalize(pooled);
    }
    return pooled.getDataType() == DataType.FLOAT32
        ? pooled
        : pooled.toType(DataType.FLOAT32, false);
  }

  /** The encoder's last hidden state [B, T, H] for already tokenized input (for parity tests). */
  public NDArray lastHiddenState(NDArray ids, NDArray mask) {
    return model.forward(ids, mask, false);
  }

  @Override
  public NDList trainableParameters() {
    return lora.trainableParameters();
  }

  @Override
  public long truncatedPrompts() {
    return truncated.get();
  }

  @Override
  public long tokensEncoded() {
    return tokens.get();
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
