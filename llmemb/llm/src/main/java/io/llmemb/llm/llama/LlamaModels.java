package io.llmemb.llm.llama;

import ai.djl.ndarray.NDManager;
import io.llmemb.llm.tokenize.HfLlamaTokenizer;
import io.llmemb.llm.tokenize.Llama2cTokenizer;
import io.llmemb.llm.tokenize.LlamaTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Factories for {@link LlamaModel}: a llama2.c checkpoint + {@code tokenizer.bin}, or a Hugging
 * Face folder.
 */
public final class LlamaModels {
  private static final String HF_TOKENIZER = "tokenizer.json";

  private LlamaModels() {}

  /** A llama2.c legacy checkpoint with its llama2.c tokenizer. */
  public static LlamaModel fromLlama2c(
      Path checkpoint, Path tokenizerBin, LlamaRuntimeOptions options) {
    return build(
        "llama2c:" + describe(checkpoint),
        options,
        manager -> Llama2cCheckpointReader.read(checkpoint, manager, options.dtype()),
        () -> Llama2cTokenizer.load(tokenizerBin));
  }

  /**
   * A Hugging Face {@code LlamaForCausalLM} folder: {@code config.json}, {@code model.safetensors}
   * or a sharded {@code model.safetensors.index.json}, and {@code tokenizer.json}.
   */
  public static LlamaModel fromHuggingFace(Path directory, LlamaRuntimeOptions options) {
    return fromHuggingFace(
        directory, options, () -> HfLlamaTokenizer.load(directory.resolve(HF_TOKENIZER)));
  }

  /**
   * A Hugging Face checkpoint folder with a tokenizer supplied separately (e.g. a llama2.c one in
   * tests).
   */
  public static LlamaModel fromHuggingFace(
      Path directory, LlamaRuntimeOptions options, Supplier<LlamaTokenizer> tokenizer) {
    return build(
        "hf:" + describe(directory),
        options,
        manager -> HfCheckpointReader.read(directory, manager, options.dtype()),
        tokenizer);
  }

  private static LlamaModel build(
      String id,
      LlamaRuntimeOptions options,
      Function<NDManager, LoadedCheckpoint> loader,
      Supplier<LlamaTokenizer> tokenizer) {
    options.applyThreads();
    NDManager manager = NDManager.newBaseManager(options.device());
    try {
      LoadedCheckpoint checkpoint = loader.apply(manager);
      return new LlamaModel(id, manager, checkpoint, tokenizer.get(), options);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * File or folder name plus size: cheap to compute for multi-GB checkpoints, and changes when
   * weights do.
   */
  private static String describe(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        return path.getFileName() + ":" + Files.size(path);
      }
      try (var files = Files.list(path)) {
        return path.getFileName()
            + ":"
            + files.filter(Files::isRegularFile).mapToLong(LlamaModels::size).sum();
      }
    } catch (IOException e) {
      throw new CheckpointFormatException(path + ": cannot stat checkpoint", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot stat", e);
    }
  }
}
