package io.llmemb.llm;

import io.llmemb.data.ItemCatalog;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.text.CatalogJsonl;
import io.llmemb.text.ItemPrompts;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embed}: item prompts → (optionally LoRA-tuned) encoder → versioned embedding artifact. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed every item's prompt with mean pooling and write a checksummed artifact.")
public final class EmbedCommand implements Callable<Integer> {

  @Option(names = "--catalog", required = true, description = "item catalog as JSON lines (see CatalogJsonl)")
  Path catalog;

  @Option(names = "--kind", required = true, description = "prompt template: movielens | amazon-beauty | "
      + "amazon-fashion | yelp")
  String kind;

  @Option(names = "--lora", description = "LoRA checkpoint directory from 'scft' (merged before encoding)")
  Path lora;

  @Option(names = "--batch", defaultValue = "32", description = "items per forward pass (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--out", required = true, description = "artifact directory")
  Path out;

  @Mixin
  EncoderCliOptions encoder;

  @Override
  public Integer call() throws Exception {
    ItemCatalog items = CatalogJsonl.read(catalog, kind);
    ItemPrompts prompts = ItemPrompts.build(items);
    try (BertTextEncoder enc = encoder.open(lora)) {
      EmbeddingExtractor.Report r = new EmbeddingExtractor(enc, batch).extract(prompts.prompts(),
          items.rawItemIds(), prompts.version(), prompts.instructionOnly(), out);
      System.out.printf("embedded %d items (%d-d) with %s in %.1f s: %.1f items/s, %.0f tokens/s; "
          + "truncated %d, instruction-only %d, duplicate ids %d -> %s%n", r.items(),
          r.manifest().dimension(), r.manifest().modelId(), r.seconds(), r.itemsPerSecond(),
          r.tokensPerSecond(), r.manifest().truncatedPrompts(), r.manifest().instructionOnlyPrompts(),
          r.manifest().duplicateRawIds(), out);
    }
    return 0;
  }

  /** Standalone entry point until the top-level {@code llmemb} command wires this in. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EmbedCommand()).execute(args));
  }
}
