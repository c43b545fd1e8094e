package io.llmemb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.rat.LlmTable;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.variant.RatVariant;
import io.llmemb.variant.VariantInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rat}: Recommendation Adaptation Training (docs/llmemb-method.md §4) of one backbone over
 * the frozen LLM table, with the alignment loss towards a plain SASRec trained by {@code train};
 * evaluates like {@code train} and, with {@code --bundle}, releases a {@code rat} bundle whose
 * serving model adapts new items (PCA → adapter).
 */
@Command(
    name = "rat",
    mixinStandardHelpOptions = true,
    description =
        "Train a backbone on adapted LLM item embeddings (LLMEmb RAT) and evaluate on the test cases.")
public final class RatCommand implements Callable<Integer> {

  /** File in {@code --out} recording the run's configuration and inputs. */
  public static final String RUN_FILE = "rat.json";

  @Option(
      names = "--embeddings",
      required = true,
      description = "Item embedding artifact (from `embed`).")
  Path embeddings;

  @Option(
      names = "--pca",
      description =
          "PCA directory (from `pca`) fitted on those embeddings; "
              + "omit to feed the raw embeddings to the adapter.")
  Path pca;

  @Option(
      names = "--srs",
      required = true,
      description =
          "Output directory of `train --backbone sasrec`: its item table is the alignment target E_srs.")
  Path srs;

  @Option(
      names = "--out",
      required = true,
      description = "Run directory: best weights, rat.json, results.")
  Path out;

  // A plain flag rather than a negatable default-true option (see TrainingOptions.noBaselines).
  @Option(
      names = "--no-freeze-llm-emb",
      description =
          "Train the LLM table too, initialised from the embeddings (the 'w/o freeze' ablation).")
  boolean unfreezeLlm;

  @Mixin TextViewOptions textView;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = run.dataset();
    EmbeddingArtifact emb = EmbeddingArtifact.load(embeddings);
    LlmTable llm =
        LlmTable.of(emb, pca == null ? null : PcaArtifact.load(pca), dataset.catalog().itemIds());
    VariantInputs inputs =
        run.inputs(
            dataset, ColdItems.none(), null, Optional.of(llm), Optional.of(srs), Optional.empty());
    RatVariant variant = new RatVariant(textView.settings(!unfreezeLlm));
    Files.createDirectories(out);
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("config", variant.config(inputs));
    description.put(
        "inputs",
        Map.of(
            "data",
            run.data().toString(),
            "embeddings",
            embeddings.toString(),
            "pca",
            String.valueOf(pca),
            "srs",
            srs.toString()));
    description.put("llmVersion", llm.llmVersion());
    description.put("promptVersion", llm.promptVersion());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve(RUN_FILE).toFile(), description);
    return VariantCommand.run(
        variant, inputs, run, dataset, out, description, llm.llmVersion(), llm.promptVersion());
  }
}
