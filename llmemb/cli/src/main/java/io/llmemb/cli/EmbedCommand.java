package io.llmemb.cli;

import io.llmemb.llm.EmbeddingExtractor;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.text.EmbeddingArtifact;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embed}: item prompts → (optionally LoRA-tuned) text model → versioned embedding artifact
 * whose row r is the dataset's internal item id r + 1.
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = "Embed every item's prompt with mean pooling and write a checksummed artifact.")
public final class EmbedCommand implements Callable<Integer> {

  @Mixin ItemSourceOptions items;

  @Option(
      names = "--lora",
      description = "LoRA checkpoint directory from 'scft' (merged before encoding)")
  Path lora;

  @Option(
      names = "--batch",
      defaultValue = "32",
      description = "items per forward pass (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--out", required = true, description = "artifact directory")
  Path out;

  @Mixin EncoderOptions encoder;

  @Override
  public Integer call() throws Exception {
    ItemSourceOptions.Items in = items.load();
    try (LoraTextEncoder enc = encoder.open(lora)) {
      EmbeddingExtractor.Report r =
          new EmbeddingExtractor(enc, batch)
              .extract(in.prompts(), in.catalog().rawItemIds(), in.source(), out);
      EmbeddingArtifact.Manifest m = r.manifest();
      System.out.printf(
          "embedded %d items (%d-d) with %s in %.1f s: %.1f items/s, %.0f tokens/s%n"
              + "bad input (kept, counted): %d truncated at %d tokens, %d without attributes, %d with missing values, "
              + "%d with non-Latin text, %d duplicate raw ids -> %s%n",
          r.items(),
          m.dimension(),
          m.modelId(),
          r.seconds(),
          r.itemsPerSecond(),
          r.tokensPerSecond(),
          m.truncatedPrompts(),
          m.maxTokens(),
          m.instructionOnlyPrompts(),
          m.emptyValueItems(),
          m.nonLatinItems(),
          m.duplicateRawIds(),
          out);
    }
    return 0;
  }
}
