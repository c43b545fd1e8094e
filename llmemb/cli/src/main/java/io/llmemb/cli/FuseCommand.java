package io.llmemb.cli;

import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.LlmTable;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.variant.FusedVariant;
import io.llmemb.variant.RatVariant;
import io.llmemb.variant.VariantInputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fuse}: trains a backbone over the fused ID + text item representation
 * (docs/llmemb-method.md §10) and evaluates it on the test cases (overall, tail, cold) like {@code
 * train}; {@code --bundle} releases a {@code fused} bundle whose serving model scores a brand-new
 * item through its text view.
 */
@Command(
    name = "fuse",
    mixinStandardHelpOptions = true,
    description =
        "Train a backbone over the fused item representation (RAT text view + SASRec-initialised ID "
            + "view, count gate) and evaluate it.")
public final class FuseCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      description = "Item embedding artifact (from `embed`).")
  Path embeddings;

  @Option(
      names = "--pca-dim",
      defaultValue = "0",
      description =
          "Reduce the LLM embeddings to this many PCA components first; 0 = keep the full width (default).")
  int pcaDim;

  @Option(
      names = "--srs",
      required = true,
      description =
          "Output directory of `train --backbone sasrec` (same data, --hidden and --cold-fraction): "
              + "initialises the ID view and is the alignment target.")
  Path srs;

  @Option(
      names = "--warm-start",
      description =
          "Output directory of `train` for this --backbone (same data, settings and --cold-fraction): "
              + "start from its weights, its item table as the ID view, and keep them unless an epoch beats them on "
              + "validation. Default: train from scratch.")
  Path warmStart;

  @Option(
      names = "--out",
      required = true,
      description = "Model directory: weights, counts, results.")
  Path out;

  @Mixin FuseOptions fusion;

  @Mixin TextViewOptions text;

  @Mixin RunOptions run;

  @Mixin ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = run.dataset();
    long seed = run.engine().seed();
    ColdItems cold = coldOptions.select(dataset.split().numItems(), seed);
    EmbeddingArtifact emb = EmbeddingArtifact.load(embeddings);
    PcaModel pca =
        pcaDim > 0
            ? PcaFitter.fit(
                emb.matrix(), emb.manifest().numItems(), emb.manifest().dimension(), pcaDim)
            : null;
    LlmTable llm = LlmTable.of(emb, pca, dataset.catalog().itemIds());
    VariantInputs inputs =
        run.inputs(
            dataset,
            cold,
            null,
            Optional.of(llm),
            Optional.of(srs),
            Optional.ofNullable(warmStart));
    FuseConfig fuse = fusion.config();
    FusedVariant variant = new FusedVariant(text.settings(true), fuse);
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("rat", new RatVariant(text.settings(true)).config(inputs));
    description.put("fuse", fuse);
    description.put("llmVersion", llm.llmVersion());
    description.put("pcaDim", pcaDim);
    description.put("coldItems", cold.size());
    return VariantCommand.run(
        variant, inputs, run, dataset, out, description, llm.llmVersion(), llm.promptVersion());
  }
}
