package io.llmemb.llm;

import ai.djl.ndarray.types.DataType;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.bert.EncoderSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Encoder options shared by the {@code embed}, {@code scft} and benchmark commands (a picocli mixin). */
public final class EncoderCliOptions {

  @Option(names = "--encoder", defaultValue = "minilm", description = "minilm | bge-small (default ${DEFAULT-VALUE})")
  String encoder;

  @Option(names = "--max-tokens", defaultValue = "256", description = "truncation length (default ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu | gpu | gpu:N (default ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--dtype", defaultValue = "float32",
      description = "float32 | float16 | bfloat16 (half types for GPU inference; default ${DEFAULT-VALUE})")
  String dtype;

  @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--l2-normalize", description = "L2-normalise pooled vectors (LLMEmb does not)")
  boolean l2Normalize;

  /** Options as a record. */
  public BertEncoderOptions toOptions() {
    DataType type = switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float32", "fp32" -> DataType.FLOAT32;
      case "float16", "fp16" -> DataType.FLOAT16;
      case "bfloat16", "bf16" -> DataType.BFLOAT16;
      default -> throw new IllegalArgumentException("--dtype must be float32, float16 or bfloat16: " + dtype);
    };
    return new BertEncoderOptions(EncoderSpec.byKey(encoder), maxTokens, device, type, l2Normalize, threads);
  }

  /** Opens the encoder, with LoRA adapters from {@code loraDir} merged in when given. */
  public BertTextEncoder open(Path loraDir) throws IOException {
    return EncoderLoader.open(toOptions(), loraDir);
  }
}
