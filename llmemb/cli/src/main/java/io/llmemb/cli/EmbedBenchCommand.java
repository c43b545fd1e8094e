package io.llmemb.cli;

import io.llmemb.llm.EmbeddingExtractor;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.text.ItemPrompts;
import io.llmemb.text.PromptCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embed-bench}: embedding throughput (items/s, tokens/s) of the configured text model
 * (either architecture) on synthetic MovieLens-like prompts, after a warm-up pass, through the same
 * {@link EmbeddingExtractor} as {@code embed}.
 */
@Command(
    name = "embed-bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure embedding throughput (items/s, tokens/s) of --encoder minilm | bge-small (or bge) | llama.")
public final class EmbedBenchCommand implements Callable<Integer> {

  private static final List<String> GENRES =
      List.of(
          "Action",
          "Adventure",
          "Animation",
          "Children",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Horror",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");
  private static final List<String> WORDS =
      List.of(
          "Return", "Night", "Star", "Love", "Dark", "City", "Last", "King", "Story", "Dream",
          "Secret", "Road", "House", "Summer", "Man", "Girl", "War", "Island");
  private static final String INSTRUCTION = "The movie has the following attributes: \n ";
  private static final int WARMUP_BATCHES = 4;

  @Option(names = "--items", defaultValue = "2000")
  int items;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Mixin EncoderOptions encoder;

  /** {@code count} MovieLens-style prompts (index 0 is the padding null), deterministic. */
  static List<String> prompts(int count) {
    List<String> prompts = new ArrayList<>(Arrays.asList(new String[] {null}));
    Random rng = new Random(1);
    for (int i = 0; i < count; i++) {
      String title =
          WORDS.get(rng.nextInt(WORDS.size())) + " " + WORDS.get(rng.nextInt(WORDS.size()));
      String genres = String.join(", ", GENRES.subList(rng.nextInt(8), 9 + rng.nextInt(8)));
      prompts.add(
          INSTRUCTION
              + "title is "
              + title
              + "; year is "
              + (1930 + rng.nextInt(90))
              + "; genres is "
              + genres);
    }
    return prompts;
  }

  @Override
  public Integer call() throws Exception {
    List<String> prompts = prompts(items);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= items; i++) {
      ids.add(i == 0 ? null : Integer.toString(i));
    }
    int warm = Math.min(items, WARMUP_BATCHES * batch) + 1;
    Path dir = Files.createTempDirectory("embed-bench");
    try (LoraTextEncoder enc = encoder.open(null)) {
      new EmbeddingExtractor(enc, batch)
          .extract(
              new ItemPrompts(prompts.subList(0, warm), "bench", PromptCounts.NONE),
              ids.subList(0, warm),
              "bench",
              dir.resolve("warmup"));
      EmbeddingExtractor.Report r =
          new EmbeddingExtractor(enc, batch)
              .extract(
                  new ItemPrompts(prompts, "bench", PromptCounts.NONE),
                  ids,
                  "bench",
                  dir.resolve("run"));
      System.out.printf(
          "%s (%d-d) on %s, %d threads, batch %d: %d items in %.1f s = %.1f items/s, %.0f tokens/s "
              + "(%.1f tokens/item)%n",
          enc.modelId(),
          enc.dimension(),
          encoder.engine().config().device(),
          encoder.engine().config().intraopThreads(),
          batch,
          r.items(),
          r.seconds(),
          r.itemsPerSecond(),
          r.tokensPerSecond(),
          r.tokens() / (double) r.items());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }
}
