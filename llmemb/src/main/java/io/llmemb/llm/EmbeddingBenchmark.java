package io.llmemb.llm;

import io.llmemb.llm.bert.BertTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embed-bench}: embedding throughput (items/s, tokens/s) of an encoder on synthetic MovieLens-like
 * prompts, after a warm-up pass. Device, dtype and threads come from the shared encoder options.
 */
@Command(name = "embed-bench", mixinStandardHelpOptions = true,
    description = "Measure embedding throughput (items/s, tokens/s).")
public final class EmbeddingBenchmark implements Callable<Integer> {

  private static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children", "Comedy",
      "Crime", "Documentary", "Drama", "Fantasy", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
      "Thriller", "War", "Western");
  private static final List<String> WORDS = List.of("Return", "Night", "Star", "Love", "Dark", "City", "Last",
      "King", "Story", "Dream", "Secret", "Road", "House", "Summer", "Man", "Girl", "War", "Island");

  @Option(names = "--items", defaultValue = "2000") int items;
  @Option(names = "--batch", defaultValue = "32") int batch;
  @Mixin EncoderCliOptions encoder;

  @Override
  public Integer call() throws Exception {
    List<String> prompts = new ArrayList<>(Arrays.asList(new String[] {null}));
    java.util.Random rng = new java.util.Random(1);
    for (int i = 0; i < items; i++) {
      String title = WORDS.get(rng.nextInt(WORDS.size())) + " " + WORDS.get(rng.nextInt(WORDS.size()));
      String genres = String.join(", ", GENRES.subList(rng.nextInt(8), 9 + rng.nextInt(8)));
      prompts.add("The movie has the following attributes: \n title is " + title + "; year is "
          + (1930 + rng.nextInt(90)) + "; genres is " + genres);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= items; i++) {
      ids.add(i == 0 ? null : Integer.toString(i));
    }
    Path dir = Files.createTempDirectory("embed-bench");
    try (BertTextEncoder enc = encoder.open(null)) {
      new EmbeddingExtractor(enc, batch).extract(prompts.subList(0, Math.min(items, 4 * batch) + 1),
          ids.subList(0, Math.min(items, 4 * batch) + 1), "bench", 0, dir.resolve("warmup"));
      EmbeddingExtractor.Report r = new EmbeddingExtractor(enc, batch).extract(prompts, ids, "bench", 0,
          dir.resolve("run"));
      System.out.printf("%s on %s (%s, %d threads, batch %d): %d items in %.1f s = %.1f items/s, %.0f tokens/s "
          + "(%.1f tokens/item)%n", enc.options().spec().key(), enc.options().device(), enc.options().dtype(),
          enc.options().threads(), batch, r.items(), r.seconds(), r.itemsPerSecond(), r.tokensPerSecond(),
          r.tokens() / (double) r.items());
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmbeddingBenchmark()).execute(args));
  }
}
