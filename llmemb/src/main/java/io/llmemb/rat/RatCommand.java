package io.llmemb.rat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.cli.BackboneOptions;
import io.llmemb.cli.BundleOptions;
import io.llmemb.cli.EngineOptions;
import io.llmemb.cli.ProtocolOptions;
import io.llmemb.cli.ReportWriter;
import io.llmemb.cli.TestEvaluation;
import io.llmemb.cli.TrainingOptions;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.EvalResult;
import io.llmemb.llm.EmbeddingArtifact;
import io.llmemb.pca.PcaArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rat}: Recommendation Adaptation Training (method doc §4) of one backbone over the frozen LLM table, with
 * the alignment loss towards a plain SASRec trained by {@code train}; evaluates like {@code train} and, with
 * {@code --bundle}, releases a {@code rat} bundle whose serving model adapts new items (PCA → adapter).
 */
@Command(name = "rat", mixinStandardHelpOptions = true,
    description = "Train a backbone on adapted LLM item embeddings (LLMEmb RAT) and evaluate on the test cases.")
public final class RatCommand implements Callable<Integer> {

  /** File in {@code --out} recording the run's configuration and inputs. */
  public static final String RUN_FILE = "rat.json";

  @Option(names = "--data", required = true, description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Option(names = "--embeddings", required = true, description = "Item embedding artifact (from `embed`).")
  Path embeddings;

  @Option(names = "--pca", description = "PCA directory (from `pca`) fitted on those embeddings; "
      + "omit to feed the raw embeddings to the adapter.")
  Path pca;

  @Option(names = "--srs", required = true,
      description = "Output directory of `train --backbone sasrec`: its item table is the alignment target E_srs.")
  Path srs;

  @Option(names = "--out", required = true, description = "Run directory: best weights, rat.json, results.")
  Path out;

  @Option(names = "--adapter-widths", defaultValue = "paper",
      description = "Hidden widths, e.g. 64 or 128,64; 'paper' = [d/2], 'none' = one linear map (default: "
          + "${DEFAULT-VALUE}).")
  String adapterWidths;

  @Option(names = "--adapter-activation", defaultValue = "none",
      description = "none | gelu | relu between adapter layers (default: ${DEFAULT-VALUE}, as the paper).")
  String adapterActivation;

  @Option(names = "--adapter-dropout", defaultValue = "0", description = "Dropout between adapter layers.")
  float adapterDropout;

  // A plain flag rather than a negatable default-true option (see TrainingOptions.noBaselines).
  @Option(names = "--no-freeze-llm-emb",
      description = "Train the LLM table too, initialised from the embeddings (the 'w/o freeze' ablation).")
  boolean unfreezeLlm;

  @Option(names = "--alpha", defaultValue = "" + AlignmentLoss.DEFAULT_ALPHA,
      description = "Weight of the alignment loss; 0 = 'w/o align' (default: ${DEFAULT-VALUE}).")
  float alpha;

  @Option(names = "--tau", defaultValue = "" + AlignmentLoss.DEFAULT_TAU,
      description = "Temperature of the alignment loss (default: ${DEFAULT-VALUE}).")
  float tau;

  @Option(names = "--max-align-rows", defaultValue = "0",
      description = "Cap on aligned label rows per batch, 0 = all (default; a cap is a deviation for memory).")
  int maxAlignRows;

  @Mixin
  BackboneOptions model;

  @Mixin
  TrainingOptions training;

  @Mixin
  EngineOptions engine;

  @Mixin
  ProtocolOptions protocol;

  @Mixin
  BundleOptions bundle;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = PreparedDatasetStore.load(data);
    EmbeddingArtifact emb = EmbeddingArtifact.load(embeddings);
    LlmTable llm = LlmTable.of(emb, pca == null ? null : PcaArtifact.load(pca), dataset.catalog().itemIds());
    AdapterConfig adapter = new AdapterConfig(llm.dim(), AdapterConfig.parseWidths(adapterWidths, llm.dim()),
        AdapterConfig.Activation.parse(adapterActivation), adapterDropout, !unfreezeLlm);
    RatConfig config = new RatConfig(model.backbone(), model.config(), model.objective().orElse(null),
        training.config(engine.seed()), adapter, alpha, tau, maxAlignRows);
    Files.createDirectories(out);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("config", config);
    run.put("inputs", Map.of("data", data.toString(), "embeddings", embeddings.toString(),
        "pca", String.valueOf(pca), "srs", srs.toString()));
    run.put("llmVersion", llm.llmVersion());
    run.put("promptVersion", llm.promptVersion());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(RUN_FILE).toFile(), run);
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply())) {
      float[] esrs = RatTrainer.srsItemTable(srs, manager);
      RatTrainer.Run trained = new RatTrainer(config, true).train(dataset.split(), llm, esrs, manager, out);
      Map<String, EvalResult> results = TestEvaluation.run(trained.model(), dataset.split(),
          protocol.protocols(engine.seed()), engine.seed(), !training.noBaselines());
      Map<String, Object> extra = new LinkedHashMap<>(run);
      extra.put("objective", trained.model().objectiveName());
      extra.put("bestEpoch", trained.result().bestEpoch());
      extra.put("meanEpochSeconds", trained.result().meanEpochSeconds());
      extra.put("curve", trained.result().curve());
      System.out.printf(Locale.ROOT, "best epoch %d (valid NDCG@10 %.4f), %.2f s/epoch%n",
          trained.result().bestEpoch(), trained.result().bestValidNdcg(), trained.result().meanEpochSeconds());
      System.out.print(ReportWriter.write(results, extra, out));
      bundle.write(trained.model(), data, dataset,
          TestEvaluation.bundleMetrics(trained.model().name(), results, trained.result()),
          Map.of("rat", config.toString()), llm.llmVersion(), llm.promptVersion());
    }
    return 0;
  }
}
