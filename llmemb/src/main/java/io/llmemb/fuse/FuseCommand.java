package io.llmemb.fuse;

import ai.djl.ndarray.NDManager;
import io.llmemb.cli.BackboneOptions;
import io.llmemb.cli.BundleOptions;
import io.llmemb.cli.ColdItemOptions;
import io.llmemb.cli.EngineOptions;
import io.llmemb.cli.ProtocolOptions;
import io.llmemb.cli.ReportWriter;
import io.llmemb.cli.TestEvaluation;
import io.llmemb.cli.TrainingOptions;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.EvalResult;
import io.llmemb.llm.EmbeddingArtifact;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fuse}: trains a backbone over the fused ID + text item representation (issue 9) and evaluates it on the
 * test cases (overall, tail, cold) like {@code train}; {@code --bundle} releases a {@code fused} bundle whose
 * serving model scores a brand-new item through its text view.
 */
@Command(name = "fuse", mixinStandardHelpOptions = true,
    description = "Train a backbone over the fused item representation (RAT text view + SASRec-initialised ID "
        + "view, count gate) and evaluate it.")
public final class FuseCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Option(names = "--embeddings", required = true, description = "Item embedding artifact (from `embed`).")
  Path embeddings;

  @Option(names = "--pca-dim", defaultValue = "0",
      description = "Reduce the LLM embeddings to this many PCA components first; 0 = keep the full width (default).")
  int pcaDim;

  @Option(names = "--srs", required = true,
      description = "Output directory of `train --backbone sasrec` (same data, --hidden and --cold-fraction): "
          + "initialises the ID view and is the alignment target.")
  Path srs;

  @Option(names = "--out", required = true, description = "Model directory: weights, counts, results.")
  Path out;

  @Mixin
  FuseOptions fusion;

  @Mixin
  TextViewOptions text;

  @Mixin
  BackboneOptions model;

  @Mixin
  TrainingOptions training;

  @Mixin
  EngineOptions engine;

  @Mixin
  ProtocolOptions protocol;

  @Mixin
  ColdItemOptions coldOptions;

  @Mixin
  BundleOptions bundle;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = PreparedDatasetStore.load(data);
    ColdItems cold = coldOptions.select(dataset.split().numItems(), engine.seed());
    EmbeddingArtifact emb = EmbeddingArtifact.load(embeddings);
    PcaModel pca = pcaDim > 0
        ? PcaFitter.fit(emb.matrix(), emb.manifest().numItems(), emb.manifest().dimension(), pcaDim) : null;
    LlmTable llm = LlmTable.of(emb, pca, dataset.catalog().itemIds());
    RatConfig rat = text.config(model.backbone(), model.config(), model.objective().orElse(null),
        training.config(engine.seed()), llm);
    FuseConfig fuse = fusion.config();
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply())) {
      FusedTrainer.Run run = new FusedTrainer(rat, fuse, true).train(dataset.split(), cold, llm, srs, manager, out);
      Map<String, EvalResult> results = TestEvaluation.run(run.model(), cold.apply(dataset.split()),
          protocol.protocols(engine.seed()), engine.seed(), !training.noBaselines(), cold);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("rat", rat);
      extra.put("fuse", fuse);
      extra.put("llmVersion", llm.llmVersion());
      extra.put("pcaDim", pcaDim);
      extra.put("coldItems", cold.size());
      extra.put("bestEpoch", run.result().bestEpoch());
      extra.put("meanEpochSeconds", run.result().meanEpochSeconds());
      extra.put("curve", run.result().curve());
      System.out.printf(Locale.ROOT, "best epoch %d (valid NDCG@10 %.4f), %.2f s/epoch%n", run.result().bestEpoch(),
          run.result().bestValidNdcg(), run.result().meanEpochSeconds());
      System.out.print(ReportWriter.write(results, extra, out));
      bundle.write(run.model(), data, dataset,
          TestEvaluation.bundleMetrics(run.model().name(), results, run.result()),
          Map.of("rat", rat.toString(), "fuse", fuse.toString()), llm.llmVersion(), llm.promptVersion());
    }
    return 0;
  }
}
