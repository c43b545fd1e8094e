package io.llmemb.fuse;

import ai.djl.ndarray.NDManager;
import io.llmemb.cli.ColdItemOptions;
import io.llmemb.cli.EngineOptions;
import io.llmemb.cli.ProtocolOptions;
import io.llmemb.cli.ReportWriter;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.llm.EmbeddingArtifact;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.TrainConfig;
import io.llmemb.srs.TrainingObjective;
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
 * test cases, overall / tail / cold, like {@code train}.
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
      description = "Plain SASRec model directory (from `train`, same data, H and --cold-fraction): ID-view init "
          + "and alignment target.")
  Path srs;

  @Option(names = "--out", required = true, description = "Model directory: weights, counts, results.")
  Path out;

  @Option(names = "--backbone", defaultValue = "sasrec", description = "sasrec | gru4rec | bert4rec.")
  String backbone;

  @Option(names = "--objective", description = "sasrec/gru4rec: last | all-positions (default: the backbone's).")
  String objective;

  @Option(names = "--dropout", defaultValue = "" + BackboneConfig.DEFAULT_DROPOUT, description = "Dropout.")
  float dropout;

  @Option(names = "--lr", defaultValue = "" + TrainConfig.DEFAULT_LR, description = "Adam learning rate.")
  double lr;

  @Option(names = "--batch-size", defaultValue = "" + TrainConfig.DEFAULT_BATCH, description = "Batch size.")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "" + TrainConfig.DEFAULT_MAX_EPOCHS, description = "Max epochs.")
  int epochs;

  @Option(names = "--patience", defaultValue = "" + TrainConfig.DEFAULT_PATIENCE, description = "Early-stop patience.")
  int patience;

  @Option(names = "--adapter-widths", defaultValue = "paper",
      description = "Adapter hidden widths: paper (d/2) | none | comma list, e.g. 256,128 (default: ${DEFAULT-VALUE}).")
  String adapterWidths;

  @Option(names = "--adapter-activation", defaultValue = "none", description = "none | gelu | relu.")
  String adapterActivation;

  @Option(names = "--adapter-dropout", defaultValue = "0", description = "Dropout inside the adapter.")
  float adapterDropout;

  @Option(names = "--alpha", defaultValue = "" + AlignmentLoss.DEFAULT_ALPHA, description = "Alignment weight α.")
  float alpha;

  @Option(names = "--tau", defaultValue = "" + AlignmentLoss.DEFAULT_TAU, description = "Alignment temperature τ.")
  float tau;

  @Mixin
  FuseOptions fusion;

  @Mixin
  EngineOptions engine;

  @Mixin
  ProtocolOptions protocol;

  @Mixin
  ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    PreparedDataset ds = PreparedDatasetStore.load(data);
    SequenceSplit prepared = ds.split();
    ColdItems cold = coldOptions.select(prepared.numItems(), engine.config().seed());
    EmbeddingArtifact emb = EmbeddingArtifact.load(embeddings);
    PcaModel pca = pcaDim > 0
        ? PcaFitter.fit(emb.matrix(), emb.manifest().numItems(), emb.manifest().dimension(), pcaDim) : null;
    LlmTable llm = LlmTable.of(emb, pca, ds.catalog().rawItemIds().subList(1, prepared.numItems() + 1));
    // H and the input length follow the pre-trained SASRec: its table initialises the ID view.
    BackboneConfig srsConfig = io.llmemb.cli.ModelManifest.read(srs).config();
    BackboneConfig config = new BackboneConfig(srsConfig.hidden(), srsConfig.numBlocks(), srsConfig.heads(),
        dropout, srsConfig.maxLen(), srsConfig.maskProb());
    TrainConfig train = new TrainConfig(lr, batchSize, epochs, patience, engine.config().seed());
    AdapterConfig adapter = new AdapterConfig(llm.dim(), AdapterConfig.parseWidths(adapterWidths, llm.dim()),
        AdapterConfig.Activation.parse(adapterActivation), adapterDropout, true);
    RatConfig rat = new RatConfig(backbone.toLowerCase(Locale.ROOT), config,
        objective == null ? null : TrainingObjective.parse(objective), train, adapter, alpha, tau, 0);
    FuseConfig fuse = fusion.config();
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply())) {
      FusedTrainer.Run run = new FusedTrainer(rat, fuse, true).train(prepared, cold, llm, srs, manager, out);
      SequenceSplit split = cold.apply(prepared);
      Map<String, EvalResult> results = new LinkedHashMap<>();
      for (EvalProtocol p : protocol.protocols(engine.config().seed())) {
        results.put("fused-" + run.model().name() + " / " + p.ranking().name().toLowerCase(Locale.ROOT),
            new Evaluator().evaluate(new RecommenderScorer(run.model()), split, Stage.TEST, p, cold));
      }
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
    }
    return 0;
  }
}
