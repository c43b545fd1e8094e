package io.llmemb.llm.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures {@link LlamaModel#encode} throughput (items/s, real tokens/s) on MovieLens-style item prompts
 * ("Title: ... (year). Genres: ..."), for a llama2.c checkpoint or a Hugging Face folder.
 */
@Command(name = "llama-encode-throughput", mixinStandardHelpOptions = true,
    description = "Times mean-pooled LLaMA embeddings of synthetic item prompts.")
public final class EncodeThroughputCli implements Callable<Integer> {
  private static final String[] TITLES = {"Toy Story", "Heat", "Jumanji", "Casino", "Sabrina", "GoldenEye",
      "Sense and Sensibility", "Four Rooms", "Babe", "Dead Man Walking", "Clueless", "Othello", "Balto"};
  private static final String[] GENRES = {"Adventure", "Animation", "Children", "Comedy", "Fantasy", "Romance",
      "Drama", "Action", "Crime", "Thriller", "Horror", "Mystery", "Sci-Fi", "Documentary"};
  private static final int FIRST_YEAR = 1930;
  private static final int YEARS = 90;

  @Option(names = "--checkpoint", description = "llama2.c checkpoint (.bin)")
  Path checkpoint;

  @Option(names = "--tokenizer", description = "llama2.c tokenizer.bin (with --checkpoint)")
  Path tokenizer;

  @Option(names = "--hf-dir", description = "Hugging Face LlamaForCausalLM folder (instead of --checkpoint)")
  Path hfDirectory;

  @Option(names = "--items", defaultValue = "200")
  int items;

  @Option(names = "--batch", defaultValue = "16")
  int batch;

  @Option(names = "--max-tokens", defaultValue = "128")
  int maxTokens;

  @Option(names = "--threads", defaultValue = "1")
  int threads;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu")
  String device;

  @Option(names = "--fp16", description = "cast weights to fp16 (GPU only)")
  boolean fp16;

  @Option(names = "--warmup-batches", defaultValue = "2")
  int warmup;

  /** Deterministic MovieLens-style prompts, {@code count} of them. */
  static List<String> itemPrompts(int count) {
    List<String> prompts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String title = TITLES[i % TITLES.length] + (i >= TITLES.length ? " " + (i / TITLES.length + 1) : "");
      int genres = 1 + i % 3;
      StringBuilder g = new StringBuilder();
      for (int k = 0; k < genres; k++) {
        g.append(k == 0 ? "" : ", ").append(GENRES[(i * 7 + k * 3) % GENRES.length]);
      }
      prompts.add("Title: " + title + " (" + (FIRST_YEAR + (i * 37) % YEARS) + "). Genres: " + g + ".");
    }
    return prompts;
  }

  @Override
  public Integer call() {
    LlamaRuntimeOptions options = new LlamaRuntimeOptions(Device.fromName(device),
        fp16 ? DataType.FLOAT16 : DataType.FLOAT32, maxTokens, threads);
    try (LlamaModel model = hfDirectory != null ? LlamaModels.fromHuggingFace(hfDirectory, options)
        : LlamaModels.fromLlama2c(checkpoint, tokenizer, options)) {
      List<String> prompts = itemPrompts(items);
      for (int w = 0; w < warmup; w++) {
        run(model, prompts.subList(0, Math.min(batch, items)));
      }
      long tokens = 0;
      long start = System.nanoTime();
      try (ProgressBar bar = new ProgressBar("encode", items)) {
        for (int from = 0; from < items; from += batch) {
          List<String> chunk = prompts.subList(from, Math.min(items, from + batch));
          tokens += model.promptEncoder().encodeBatch(chunk).realTokens();
          run(model, chunk);
          bar.stepBy(chunk.size());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("model=%s device=%s dtype=%s threads=%d batch=%d items=%d tokens=%d seconds=%.3f "
              + "items/s=%.1f tokens/s=%.1f%n", model.modelId(), model.device(), options.dtype(), threads, batch,
          items, tokens, seconds, items / seconds, tokens / seconds);
    }
    return 0;
  }

  private static void run(LlamaModel model, List<String> chunk) {
    try (NDManager scope = model.newScope()) {
      model.encode(scope, chunk, false).toFloatArray();
    }
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EncodeThroughputCli()).execute(args));
  }
}
