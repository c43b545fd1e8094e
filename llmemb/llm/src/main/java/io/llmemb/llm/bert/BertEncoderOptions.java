package io.llmemb.llm.bert;

import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.EngineConfig;
import java.util.Objects;

/**
 * Configuration of a {@link BertTextEncoder}.
 *
 * @param spec which pretrained encoder ({@code minilm}, {@code bge-small})
 * @param maxTokens truncation length including [CLS]/[SEP] (docs/llmemb-method.md §8 uses 256)
 * @param device {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto} (see {@link EngineConfig})
 * @param dtype FLOAT32 (CPU default), FLOAT16 or BFLOAT16 (GPU inference)
 * @param l2Normalize L2-normalise pooled vectors; off by default because LLMEmb uses raw mean
 *     pooling (§3)
 * @param threads PyTorch intra-op threads
 */
public record BertEncoderOptions(
    EncoderSpec spec,
    int maxTokens,
    String device,
    DataType dtype,
    boolean l2Normalize,
    int threads) {

  /** Default truncation length (docs/llmemb-method.md §8). */
  public static final int DEFAULT_MAX_TOKENS = 256;

  public BertEncoderOptions {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(dtype, "dtype");
    if (maxTokens < 3) {
      throw new IllegalArgumentException(
          "maxTokens must be >= 3 (room for [CLS], one token, [SEP]): " + maxTokens);
    }
    device = EngineConfig.normaliseDevice(device);
    if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16 && dtype != DataType.BFLOAT16) {
      throw new IllegalArgumentException("dtype must be FLOAT32, FLOAT16 or BFLOAT16: " + dtype);
    }
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be > 0: " + threads);
    }
  }

  /** CPU, fp32, 256 tokens, raw mean pooling, the engine's default threads. */
  public static BertEncoderOptions defaults(String encoderKey) {
    return new BertEncoderOptions(
        EncoderSpec.byKey(encoderKey),
        DEFAULT_MAX_TOKENS,
        "cpu",
        DataType.FLOAT32,
        false,
        EngineConfig.defaultThreads());
  }

  public BertEncoderOptions withMaxTokens(int tokens) {
    return new BertEncoderOptions(spec, tokens, device, dtype, l2Normalize, threads);
  }

  public BertEncoderOptions withL2Normalize(boolean normalize) {
    return new BertEncoderOptions(spec, maxTokens, device, dtype, normalize, threads);
  }
}
