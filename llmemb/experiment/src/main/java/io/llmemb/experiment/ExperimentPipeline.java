package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.load.DatasetFiles;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.engine.EngineConfig;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.experiment.report.DatasetFacts;
import io.llmemb.experiment.report.ReportSummary;
import io.llmemb.experiment.report.ReportWriter;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment as cached stages (docs/llmemb-method.md §8): prepare → plain backbones per seed →
 * SCFT → embed → PCA → pre-trained SASRec (the plain SASRec of the same seed) → each other variant
 * per backbone and seed → evaluate → report. Every stage goes through {@link StageCache}, so a
 * rerun computes only the stages whose inputs changed.
 */
public final class ExperimentPipeline {

  /**
   * Hashed into every stage key; bump when a stage writes something different for the same inputs.
   */
  public static final String CODE_VERSION = "experiment-2";

  /** Stage names (directories under {@code --work}). */
  public static final String PREPARE = "prepare";

  /** Stage names (directories under {@code --work}). */
  public static final String SCFT = "scft";

  /** Stage names (directories under {@code --work}). */
  public static final String EMBED = "embed";

  /** Stage names (directories under {@code --work}). */
  public static final String PCA = "pca";

  /** Stage names: plain backbones, which also serve as RAT's pre-trained SASRec. */
  public static final String PLAIN = "plain";

  /** Stage names: every variant other than the plain backbone. */
  public static final String VARIANT = "variant";

  /** Stage names (directories under {@code --work}). */
  public static final String EVALUATE = "evaluate";

  /** Training result inside a model artifact. */
  static final String TRAIN_FILE = "train.json";

  /** Evaluated runs inside an evaluate artifact. */
  static final String RUNS_FILE = "runs.json";

  /** Configuration and provenance written next to the report. */
  public static final String PROVENANCE_FILE = "experiment.json";

  /** Encoder column of runs without text. */
  static final String NO_ENCODER = "-";

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentPipeline.class);

  private final ExperimentConfig config;
  private final DataSource source;
  private final StageCache cache;
  private final boolean showProgress;
  private final TextStages text;
  private final Map<String, Artifact> plainModels = new HashMap<>();
  private final Map<TextSource, TextArtifacts> textArtifacts = new EnumMap<>(TextSource.class);

  /** What one run of the pipeline produced. */
  public record Outcome(
      ReportSummary report, List<RunResult> runs, List<String> executed, double seconds) {}

  /** The embedding and PCA artifacts of one text source. */
  private record TextArtifacts(Artifact embeddings, Artifact pca, List<Artifact> chain) {}

  /**
   * @param config the experiment
   * @param source the data
   * @param work the stage cache root ({@code --work})
   * @param showProgress whether training and embedding draw progress bars
   */
  public ExperimentPipeline(
      ExperimentConfig config, DataSource source, Path work, boolean showProgress) {
    this.config = config;
    this.source = source;
    this.cache = new StageCache(work, CODE_VERSION);
    this.showProgress = showProgress;
    this.text =
        new TextStages(
            config.encoder(), config.profile(), config.device(), config.threads(), showProgress);
  }

  /** Runs every stage (reusing cached ones) and writes the report into {@code out}. */
  public Outcome run(Path out) throws IOException {
    long start = System.nanoTime();
    List<VariantRow> variants = Variants.forConfig(config);
    Artifact prepared = prepare();
    PreparedDataset ds = PreparedDatasetStore.load(prepared.dir());
    SequenceSplit split = ds.split();
    List<RunResult> runs = new ArrayList<>();
    int total =
        config.seeds().size()
            * regimes(split, 0).size()
            * config.backbones().size()
            * variants.size();
    int done = 0;
    for (long seed : config.seeds()) {
      for (Regime regime : regimes(split, seed)) {
        for (String backbone : config.backbones()) {
          for (VariantRow variant : variants) {
            done++;
            LOG.info(
                "[{}/{}] {} / {} / seed {} / {}",
                done,
                total,
                backbone,
                variant.label(),
                seed,
                regime.name());
            runs.addAll(evaluate(prepared, ds, regime, variant, backbone, seed));
          }
        }
      }
    }
    ReportSummary report =
        ReportWriter.write(
            out,
            "LLMEmb experiment: "
                + split.name()
                + " ("
                + config.profile().name()
                + " profile, "
                + config.profile().validation().label()
                + "-ranking validation)",
            facts(split),
            runs);
    double seconds = (System.nanoTime() - start) / 1e9;
    // What produced the report, beside it: the configuration, the data artifact and what this run
    // computed.
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("config", config);
    provenance.put(
        "data",
        Map.of(
            "source",
            source.toString(),
            "prepared",
            prepared.dir().toString(),
            "checksum",
            prepared.checksum()));
    provenance.put("codeVersion", CODE_VERSION);
    provenance.put("computed", cache.executed());
    provenance.put("seconds", seconds);
    StageCache.JSON.writeValue(out.resolve(PROVENANCE_FILE).toFile(), provenance);
    return new Outcome(report, runs, cache.executed(), seconds);
  }

  private List<Regime> regimes(SequenceSplit split, long seed) {
    return config.coldFraction() == 0
        ? List.of(Regime.warm(split))
        : List.of(Regime.warm(split), Regime.cold(split, config.coldFraction(), seed));
  }

  private Artifact prepare() {
    if (source instanceof DataSource.Prepared p) {
      Map<String, Object> inputs =
          Map.of("source", "prepared", "manifest", PreparedDatasetStore.manifest(p.dir()).files());
      return cache.run(
          PREPARE, p.dir().toString(), inputs, List.of(), dir -> copyFiles(p.dir(), dir));
    }
    Path raw = ((DataSource.MovieLens) source).dir();
    DatasetFormat format = DatasetFormat.MOVIELENS;
    DatasetFiles files = format.resolve(List.of(raw));
    String name = raw.toAbsolutePath().normalize().getFileName().toString();
    PrepConfig prep = PrepConfig.defaults(format, name);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("source", format.cliName());
    inputs.put("config", DatasetManifest.configText(prep));
    inputs.put(
        "files",
        Stream.of(files.interactions(), files.items())
            .filter(f -> f != null)
            .map(f -> DatasetManifest.InputFile.of(f).sha256())
            .toList());
    return cache.run(
        PREPARE,
        raw.toString(),
        inputs,
        List.of(),
        dir -> DatasetPipeline.prepareCached(format, List.of(raw), prep, dir));
  }

  private TextArtifacts textFor(TextSource source, Artifact prepared, PreparedDataset ds) {
    TextArtifacts known = textArtifacts.get(source);
    if (known != null) {
      return known;
    }
    List<Artifact> chain = new ArrayList<>();
    Path lora = null;
    if (source == TextSource.SCFT) {
      // One SCFT per experiment whatever the seed list, so runs of single seeds share it (and its
      // cache entry).
      long seed = ExperimentConfig.FIRST_SEED;
      Artifact scft =
          cache.run(
              SCFT,
              config.encoder().key(),
              text.scftSettings(seed),
              List.of(prepared),
              dir -> text.scft(ds.catalog(), seed, dir));
      chain.add(scft);
      lora = scft.dir();
    }
    Path loraDir = lora;
    Map<String, Object> embedInputs = new LinkedHashMap<>(text.encoderSettings());
    embedInputs.put("text", source.name());
    embedInputs.put("batch", config.profile().embedBatch());
    List<Artifact> embedUp = new ArrayList<>(chain);
    embedUp.add(prepared);
    Artifact embeddings =
        cache.run(
            EMBED,
            config.encoder().key() + " " + source,
            embedInputs,
            embedUp,
            dir -> text.embed(ds.catalog(), loraDir, dir));
    Artifact pca =
        cache.run(
            PCA,
            config.encoder().key() + " " + source,
            text.pcaSettings(),
            List.of(embeddings),
            dir -> text.pca(embeddings.dir(), dir));
    chain.add(embeddings);
    chain.add(pca);
    TextArtifacts t = new TextArtifacts(embeddings, pca, List.copyOf(chain));
    textArtifacts.put(source, t);
    return t;
  }

  /** Trains (or reuses) one model and evaluates (or reuses the evaluation of) it. */
  private List<RunResult> evaluate(
      Artifact prepared,
      PreparedDataset ds,
      Regime regime,
      VariantRow variant,
      String backbone,
      long seed)
      throws IOException {
    List<Artifact> upstream = new ArrayList<>(List.of(prepared));
    Optional<TextArtifacts> textUsed = Optional.empty();
    if (variant.text() != TextSource.NONE) {
      textUsed = Optional.of(textFor(variant.text(), prepared, ds));
      upstream.addAll(textUsed.get().chain());
    }
    Optional<Artifact> sasrec = Optional.empty();
    if (variant.needsPretrainedSasrec()) {
      sasrec = Optional.of(plainModel(prepared, regime, SasRec.NAME, seed));
      upstream.add(sasrec.get());
    }
    Optional<Artifact> plain = Optional.empty();
    if (variant.needsPlainModel()) {
      plain = Optional.of(plainModel(prepared, regime, backbone, seed));
      upstream.add(plain.get());
    }
    VariantContext context = context(regime, backbone, seed, textUsed, sasrec, plain);
    String label = backbone + " " + variant.label() + " seed " + seed + " " + regime.name();
    Artifact model;
    if (Variants.isPlain(variant)) {
      model = plainModel(prepared, regime, backbone, seed);
    } else {
      model =
          cache.run(
              VARIANT,
              label,
              modelInputs(variant, backbone, seed, regime),
              upstream,
              dir -> train(variant, context, dir));
    }
    upstream.add(model);
    String encoder = variant.text() == TextSource.NONE ? NO_ENCODER : config.encoder().key();
    RunEvaluation.RowLabel row =
        new RunEvaluation.RowLabel(displayName(backbone), variant.label(), encoder);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("protocols", config.protocols(seed));
    inputs.put("row", row);
    inputs.put("seed", seed);
    regime.keyPart().ifPresent(k -> inputs.put("cold", k));
    Artifact evaluated =
        cache.run(
            EVALUATE,
            label,
            inputs,
            upstream,
            dir -> {
              TrainResult trained =
                  StageCache.JSON.readValue(
                      model.dir().resolve(TRAIN_FILE).toFile(), TrainResult.class);
              try (NDManager manager = manager(seed)) {
                SequentialRecommender m = variant.load(context, manager, model.dir());
                List<RunResult> results =
                    RunEvaluation.evaluate(
                        new RecommenderScorer(m),
                        regime,
                        config.protocols(seed),
                        row,
                        seed,
                        trained.curve(),
                        trained.stoppedBy().label());
                StageCache.JSON.writeValue(dir.resolve(RUNS_FILE).toFile(), results);
              }
            });
    return StageCache.JSON.readValue(
        evaluated.dir().resolve(RUNS_FILE).toFile(), new TypeReference<List<RunResult>>() {});
  }

  private Artifact plainModel(Artifact prepared, Regime regime, String backbone, long seed) {
    return plainModels.computeIfAbsent(
        backbone + "/" + seed + "/" + regime.name(),
        k -> {
          VariantRow plain = VariantRow.plain();
          VariantContext context =
              context(regime, backbone, seed, Optional.empty(), Optional.empty(), Optional.empty());
          return cache.run(
              PLAIN,
              backbone + " seed " + seed + " " + regime.name(),
              modelInputs(plain, backbone, seed, regime),
              List.of(prepared),
              dir -> train(plain, context, dir));
        });
  }

  private Map<String, Object> modelInputs(
      VariantRow variant, String backbone, long seed, Regime regime) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    regime.keyPart().ifPresent(k -> inputs.put("cold", k));
    inputs.put("variant", variant.settings());
    inputs.put("backbone", backbone);
    inputs.put("backboneConfig", config.profile().backbone());
    inputs.put("train", config.profile().train(seed));
    inputs.put("itemInitStd", Backbones.defaultItemInitStd(backbone));
    if (variant.text() != TextSource.NONE) {
      inputs.put("encoder", config.encoder().key());
    }
    return inputs;
  }

  private void train(VariantRow variant, VariantContext context, Path dir) throws IOException {
    try (NDManager manager = manager(context.train().seed())) {
      TrainResult result = variant.train(context, manager, dir);
      StageCache.JSON.writeValue(dir.resolve(TRAIN_FILE).toFile(), result);
    }
  }

  private VariantContext context(
      Regime regime,
      String backbone,
      long seed,
      Optional<TextArtifacts> t,
      Optional<Artifact> sasrec,
      Optional<Artifact> plain) {
    return new VariantContext(
        regime.prepared(),
        regime.cold(),
        regime.split(),
        backbone,
        config.profile().backbone(),
        config.profile().train(seed),
        Backbones.defaultItemInitStd(backbone),
        t.map(x -> x.embeddings().dir()),
        t.map(x -> x.pca().dir()),
        sasrec.map(Artifact::dir),
        plain.map(Artifact::dir),
        showProgress);
  }

  private NDManager manager(long seed) {
    return NDManager.newBaseManager(
        new EngineConfig(config.device(), config.threads(), config.threads(), seed).apply());
  }

  /** Backbone names as the paper writes them. */
  static String displayName(String backbone) {
    return switch (backbone) {
      case "sasrec" -> "SASRec";
      case "gru4rec" -> "GRU4Rec";
      case "bert4rec" -> "Bert4Rec";
      default -> backbone;
    };
  }

  static DatasetFacts facts(SequenceSplit split) {
    long interactions = 0;
    int tailTests = 0;
    for (int u = 0; u < split.numUsers(); u++) {
      interactions += split.train()[u].length + 2L;
      if (split.isTailItem(split.test()[u])) {
        tailTests++;
      }
    }
    return new DatasetFacts(
        split.name(),
        split.numUsers(),
        split.numItems(),
        interactions,
        split.tailThreshold(),
        tailTests);
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
