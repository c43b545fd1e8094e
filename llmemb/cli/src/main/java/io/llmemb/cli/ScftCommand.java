package io.llmemb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.scft.AttributeDropout;
import io.llmemb.scft.RetrievalAccuracy;
import io.llmemb.scft.ScftConfig;
import io.llmemb.scft.ScftTrainer;
import io.llmemb.training.ContrastiveLoss;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scft}: LoRA contrastive fine-tuning on item prompts, with view-1 → view-2 retrieval
 * accuracy on held-out items before and after, and the adapters saved as a {@link LoraCheckpoint}.
 */
@Command(
    name = "scft",
    mixinStandardHelpOptions = true,
    description = "Supervised contrastive fine-tuning (LoRA) of the text encoder on item prompts.")
public final class ScftCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin ItemSourceOptions items;

  @Option(names = "--out", required = true, description = "LoRA checkpoint directory")
  Path out;

  @Option(names = "--steps", defaultValue = "300")
  int steps;

  @Option(names = "--batch", defaultValue = "32", description = "item pairs per micro-batch")
  int batch;

  @Option(names = "--accum", defaultValue = "1", description = "gradient accumulation")
  int accum;

  @Option(names = "--lr", defaultValue = "2e-4")
  float lr;

  @Option(names = "--clip", defaultValue = "1.0")
  float clip;

  @Option(
      names = "--loss",
      defaultValue = "paper",
      description = "paper | code (docs/llmemb-method.md §7.3)")
  String loss;

  @Option(
      names = "--resample-views",
      description = "redraw views every epoch (the official code fixes them)")
  boolean resample;

  @Option(names = "--lora-rank", defaultValue = "8")
  int rank;

  @Option(names = "--lora-alpha", defaultValue = "32")
  float alpha;

  @Option(names = "--lora-dropout", defaultValue = "0.1")
  float loraDropout;

  @Option(
      names = "--lora-targets",
      split = ",",
      description =
          "module roles to adapt (default: all projections; BERT attention.self.query,..., LLaMA "
              + "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj)")
  List<String> loraTargets;

  @Option(
      names = "--held-out",
      defaultValue = "0.1",
      description = "fraction of items kept out for evaluation")
  double heldOut;

  @Option(
      names = "--eval-group",
      defaultValue = "32",
      description = "in-batch retrieval group size")
  int evalGroup;

  @Option(names = "--checkpoint-every", defaultValue = "100")
  int checkpointEvery;

  @Mixin EncoderOptions encoder;

  @Override
  public Integer call() throws Exception {
    ItemSourceOptions.Items in = items.load();
    long seed = encoder.engine().seed;
    List<String> all = in.prompts().prompts();
    List<String> prompts = new ArrayList<>(all.subList(1, all.size()));
    Collections.shuffle(prompts, new Random(seed));
    int nHeld = (int) Math.round(prompts.size() * heldOut);
    List<String> evalPrompts = prompts.subList(0, nHeld);
    List<String> train = prompts.subList(nHeld, prompts.size());
    ScftConfig config =
        new ScftConfig(
            steps,
            batch,
            accum,
            lr,
            clip,
            ContrastiveLoss.valueOf(loss.toUpperCase(Locale.ROOT)),
            AttributeDropout.PAPER_RATIO,
            resample,
            seed);
    Files.createDirectories(out);
    try (LoraTextEncoder enc = encoder.open(null)) {
      LoraConfig lora =
          new LoraConfig(
              rank,
              alpha,
              loraDropout,
              Set.copyOf(loraTargets != null ? loraTargets : enc.defaultLoraTargets()));
      enc.attachLora(lora, seed);
      List<AttributeDropout.View> views =
          RetrievalAccuracy.fixedViews(evalPrompts, config.dropRatio(), seed + 1);
      RetrievalAccuracy.Scores before =
          evalPrompts.isEmpty() ? null : RetrievalAccuracy.score(enc, views, evalGroup);
      ScftTrainer.Result r =
          new ScftTrainer(config).train(enc, train, checkpointEvery, step -> save(enc, lora, step));
      RetrievalAccuracy.Scores after =
          evalPrompts.isEmpty() ? null : RetrievalAccuracy.score(enc, views, evalGroup);
      JSON.writeValue(
          out.resolve("scft-report.json").toFile(),
          new Report(config, train.size(), evalPrompts.size(), evalGroup, before, after, r));
      System.out.printf(
          "SCFT %d steps on %d items in %.1f s (loss %.4f -> %.4f, %d skipped); held-out "
              + "retrieval@group%d on %d items: accuracy %s, gap %s; adapters in %s%n",
          r.steps(),
          train.size(),
          r.seconds(),
          r.firstLoss(),
          r.lastLoss(),
          r.skippedSteps(),
          evalGroup,
          evalPrompts.size(),
          change(before, after, RetrievalAccuracy.Scores::accuracy),
          change(before, after, RetrievalAccuracy.Scores::gap),
          out);
    }
    return 0;
  }

  private void save(LoraTextEncoder enc, LoraConfig lora, int step) {
    try {
      Files.createDirectories(out);
      LoraCheckpoint.save(out, enc.baseWeightsId(), lora, enc.loraModules(), step);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write LoRA checkpoint to " + out, e);
    }
  }

  private static String change(
      RetrievalAccuracy.Scores before,
      RetrievalAccuracy.Scores after,
      java.util.function.ToDoubleFunction<RetrievalAccuracy.Scores> metric) {
    return before == null
        ? "n/a"
        : String.format(
            Locale.ROOT, "%.3f -> %.3f", metric.applyAsDouble(before), metric.applyAsDouble(after));
  }

  /** What {@code scft-report.json} holds (before/after are null without held-out items). */
  record Report(
      ScftConfig config,
      int trainItems,
      int heldOutItems,
      int evalGroup,
      RetrievalAccuracy.Scores before,
      RetrievalAccuracy.Scores after,
      ScftTrainer.Result result) {}
}
