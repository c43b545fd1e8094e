package io.llmemb.scft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.data.ItemCatalog;
import io.llmemb.llm.EncoderCliOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.text.CatalogJsonl;
import io.llmemb.text.ItemPrompts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scft}: LoRA contrastive fine-tuning on item prompts, with view-1 → view-2 retrieval accuracy on held-out
 * items before and after, and the adapters saved as a {@link LoraCheckpoint}.
 */
@Command(name = "scft", mixinStandardHelpOptions = true,
    description = "Supervised contrastive fine-tuning (LoRA) of the text encoder on item prompts.")
public final class ScftCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--catalog", required = true, description = "item catalog as JSON lines")
  Path catalog;

  @Option(names = "--kind", required = true, description = "prompt template kind")
  String kind;

  @Option(names = "--out", required = true, description = "LoRA checkpoint directory")
  Path out;

  @Option(names = "--steps", defaultValue = "300") int steps;
  @Option(names = "--batch", defaultValue = "32", description = "item pairs per micro-batch") int batch;
  @Option(names = "--accum", defaultValue = "1", description = "gradient accumulation") int accum;
  @Option(names = "--lr", defaultValue = "2e-4") float lr;
  @Option(names = "--clip", defaultValue = "1.0") float clip;
  @Option(names = "--loss", defaultValue = "paper", description = "paper | code (method doc §7.3)") String loss;
  @Option(names = "--resample-views", description = "redraw views every epoch (the official code fixes them)")
  boolean resample;
  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--lora-rank", defaultValue = "8") int rank;
  @Option(names = "--lora-alpha", defaultValue = "32") float alpha;
  @Option(names = "--lora-dropout", defaultValue = "0.1") float loraDropout;
  @Option(names = "--held-out", defaultValue = "0.1", description = "fraction of items kept out for evaluation")
  double heldOut;
  @Option(names = "--eval-group", defaultValue = "32", description = "in-batch retrieval group size")
  int evalGroup;
  @Option(names = "--checkpoint-every", defaultValue = "100") int checkpointEvery;

  @Mixin
  EncoderCliOptions encoder;

  @Override
  public Integer call() throws Exception {
    ItemCatalog items = CatalogJsonl.read(catalog, kind);
    List<String> prompts = new ArrayList<>(ItemPrompts.build(items).prompts().subList(1, items.numItems() + 1));
    Collections.shuffle(prompts, new Random(seed));
    int nHeld = (int) Math.round(prompts.size() * heldOut);
    List<String> evalPrompts = prompts.subList(0, nHeld);
    List<String> train = prompts.subList(nHeld, prompts.size());
    ScftConfig config = new ScftConfig(steps, batch, accum, lr, clip,
        ContrastiveLoss.valueOf(loss.toUpperCase(Locale.ROOT)), AttributeDropout.PAPER_RATIO, resample, seed);
    LoraConfig lora = new LoraConfig(rank, alpha, loraDropout, Set.copyOf(LoraConfig.BERT_ALL));
    try (BertTextEncoder enc = BertTextEncoder.open(encoder.toOptions())) {
      enc.attachLora(lora, seed);
      List<AttributeDropout.View> views = RetrievalAccuracy.fixedViews(evalPrompts, config.dropRatio(), seed + 1);
      double before = evalPrompts.isEmpty() ? Double.NaN : RetrievalAccuracy.evaluate(enc, views, evalGroup);
      ScftTrainer.Result r = new ScftTrainer(config).train(enc, train, checkpointEvery, step -> save(enc, lora,
          step));
      double after = evalPrompts.isEmpty() ? Double.NaN : RetrievalAccuracy.evaluate(enc, views, evalGroup);
      JSON.writeValue(out.resolve("scft-report.json").toFile(), new Report(config, train.size(),
          evalPrompts.size(), evalGroup, before, after, r));
      System.out.printf("SCFT %d steps on %d items in %.1f s (loss %.4f -> %.4f); held-out retrieval@group%d on "
          + "%d items: %.3f -> %.3f; adapters in %s%n", r.steps(), train.size(), r.seconds(), r.firstLoss(),
          r.lastLoss(), evalGroup, evalPrompts.size(), before, after, out);
    }
    return 0;
  }

  private void save(BertTextEncoder enc, LoraConfig lora, int step) {
    try {
      Files.createDirectories(out);
      LoraCheckpoint.save(out, enc.baseWeightsId(), lora, enc.loraModules(), step);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write LoRA checkpoint to " + out, e);
    }
  }

  /** What {@code scft-report.json} holds. */
  record Report(ScftConfig config, int trainItems, int heldOutItems, int evalGroup, double accuracyBefore,
      double accuracyAfter, ScftTrainer.Result result) {
  }

  /** Standalone entry point until the top-level {@code llmemb} command wires this in. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ScftCommand()).execute(args));
  }
}
