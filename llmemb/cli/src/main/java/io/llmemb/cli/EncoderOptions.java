package io.llmemb.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.bert.EncoderSpec;
import io.llmemb.llm.encoders.EncoderLoader;
import io.llmemb.llm.llama.LlamaModels;
import io.llmemb.llm.llama.LlamaRuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which text model runs and how (a picocli mixin of {@code embed}, {@code scft} and {@code
 * embed-bench}): one of the pretrained BERT encoders shipped in jars ({@code minilm}, {@code
 * bge-small}) or a LLaMA-family decoder from a llama2.c checkpoint or a Hugging Face folder ({@code
 * llama}); device, threads and seed from {@link EngineOptions}.
 */
public final class EncoderOptions {

  /** The {@code --encoder} value selecting the LLaMA decoder. */
  public static final String LLAMA = "llama";

  @Option(
      names = "--encoder",
      defaultValue = "minilm",
      description = "minilm | bge-small (or bge) | llama (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--llama-checkpoint",
      description =
          "with --encoder llama: a llama2.c checkpoint (.bin) or a Hugging Face LlamaForCausalLM folder")
  Path llamaCheckpoint;

  @Option(
      names = "--llama-tokenizer",
      description = "with a llama2.c checkpoint: its tokenizer.bin")
  Path llamaTokenizer;

  @Option(
      names = "--max-tokens",
      defaultValue = "256",
      description = "truncation length (default ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(
      names = "--dtype",
      defaultValue = "float32",
      description =
          "float32 | float16 | bfloat16 (half types for GPU inference; default ${DEFAULT-VALUE})")
  String dtype;

  @Option(
      names = "--l2-normalize",
      description = "L2-normalise pooled vectors (BERT only; LLMEmb does not)")
  boolean l2Normalize;

  @Mixin EngineOptions engine;

  /** The engine options (device, threads, seed). */
  public EngineOptions engine() {
    return engine;
  }

  /** Opens the configured model, with LoRA adapters from {@code loraDir} merged in when given. */
  public LoraTextEncoder open(Path loraDir) throws IOException {
    LoraTextEncoder enc =
        LLAMA.equals(encoder.trim().toLowerCase(Locale.ROOT)) ? openLlama() : openBert();
    return EncoderLoader.withLora(enc, loraDir);
  }

  private LoraTextEncoder openBert() {
    int threads = engine.config().intraopThreads();
    return BertTextEncoder.open(
        new BertEncoderOptions(
            EncoderSpec.byKey(encoder),
            maxTokens,
            engine.device,
            dataType(),
            l2Normalize,
            threads));
  }

  private LoraTextEncoder openLlama() throws IOException {
    if (llamaCheckpoint == null) {
      throw new IllegalArgumentException(
          "--encoder llama needs --llama-checkpoint <file.bin or HF folder>");
    }
    requireExists(llamaCheckpoint, "--llama-checkpoint");
    Device device = engine.config().applyDevice();
    LlamaRuntimeOptions options =
        new LlamaRuntimeOptions(device, dataType(), maxTokens, engine.config().intraopThreads());
    if (Files.isDirectory(llamaCheckpoint)) {
      return LlamaModels.fromHuggingFace(llamaCheckpoint, options);
    }
    if (llamaTokenizer == null) {
      throw new IllegalArgumentException(
          "a llama2.c checkpoint ("
              + llamaCheckpoint
              + ") needs --llama-tokenizer <tokenizer.bin>");
    }
    requireExists(llamaTokenizer, "--llama-tokenizer");
    return LlamaModels.fromLlama2c(llamaCheckpoint, llamaTokenizer, options);
  }

  private static void requireExists(Path path, String option) throws IOException {
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(), null, option + ": no such file or directory");
    }
  }

  private DataType dataType() {
    return switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float32", "fp32" -> DataType.FLOAT32;
      case "float16", "fp16" -> DataType.FLOAT16;
      case "bfloat16", "bf16" -> DataType.BFLOAT16;
      default ->
          throw new IllegalArgumentException(
              "--dtype must be float32, float16 or bfloat16: " + dtype);
    };
  }
}
