package io.llmemb.trainer;

import io.llmemb.bundle.BundleMetadata;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.Preprocessor;
import io.llmemb.eval.ServingModelScorer;
import io.llmemb.files.Sha256;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.training.TrainResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training check: when enough new interactions arrived (or enough time passed), snapshot the
 * interaction log, prepare it like the offline pipeline (time order, k-core, leave-one-out), train
 * with the configured {@link ModelTrainer}, evaluate on the held-out targets, and, only if the
 * {@link EvalGate} accepts, write a bundle to the {@link ModelStore} and publish its {@code
 * ModelRelease}. Not thread-safe; the scheduler runs one at a time.
 */
public final class TrainingJob {

  /** What a check did. */
  public enum Status {
    /** Not due, or too little data to train on. */
    SKIPPED,
    /** Trained, passed the gate, released. */
    PUBLISHED,
    /** Trained, refused by the gate; nothing released. */
    REFUSED,
    /** Something failed; logged. */
    FAILED
  }

  /**
   * Result of one check.
   *
   * @param status what happened
   * @param reason why, in words
   * @param metrics held-out metrics of the candidate (empty when nothing was trained)
   * @param release the published release, when {@link Status#PUBLISHED}
   */
  public record Outcome(
      Status status, String reason, Map<String, Double> metrics, Optional<ModelRelease> release) {}

  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  /** Marker metric on a baseline that was re-evaluated on the candidate's snapshot. */
  static final String REEVALUATED = "gate.reevaluated";

  private final TrainerConfig config;
  private final InteractionLog log;
  private final ReleaseLog releases;
  private final ModelTrainer trainer;
  private final ModelStore store;
  private final EvalGate gate;
  private final TrainerMetrics metrics;
  private final Clock clock;
  private final Optional<PublishedEmbeddings> embeddings;
  private final EmbeddedItemsFilter embeddedItems;
  private final OncePerSituation textViewLog = new OncePerSituation(LOG);

  private long trainedRecords = -1;
  private Instant trainedAt = Instant.MIN;

  /**
   * Wires one job.
   *
   * @param embeddings for the text-aware variants, the published item embeddings the {@code
   *     trainer} reads too: interactions with items that have none are left out ({@link
   *     EmbeddedItemsFilter}); empty for the ID variant
   */
  TrainingJob(
      TrainerConfig config,
      InteractionLog log,
      ReleaseLog releases,
      ModelTrainer trainer,
      ModelStore store,
      EvalGate gate,
      TrainerMetrics metrics,
      Clock clock,
      Optional<PublishedEmbeddings> embeddings) {
    this.embeddings = embeddings;
    this.embeddedItems = new EmbeddedItemsFilter(config.maxMissingEmbeddings());
    this.config = config;
    this.log = log;
    this.releases = releases;
    this.trainer = trainer;
    this.store = store;
    this.gate = gate;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Runs one check; never throws (failures are logged and reported as {@link Status#FAILED}). */
  public Outcome runOnce() {
    Outcome outcome;
    try {
      outcome = check();
    } catch (EmbeddingsNotReadyException e) {
      // Expected while a model migration or a fresh catalog's embeddings are under way: one line,
      // no stack trace.
      textViewLog.warn(
          "not ready: " + e.getMessage(), "Waiting for item embeddings: " + e.getMessage());
      outcome = skipped("waiting for item embeddings: " + e.getMessage());
    } catch (RuntimeException | IOException e) {
      LOG.error("Training run failed", e);
      outcome = new Outcome(Status.FAILED, e.toString(), Map.of(), Optional.empty());
    }
    metrics.run(outcome.status());
    LOG.info("Training check: {} ({})", outcome.status(), outcome.reason());
    return outcome;
  }

  private Outcome check() throws IOException {
    Optional<ModelRelease> current = releases.current(config.modelName());
    if (trainedRecords < 0 && current.isPresent()) {
      // After a restart: the current release says how far the log was when it was trained.
      trainedRecords = recordsOf(current.get().getDatasetSnapshot());
      trainedAt = current.get().getCreatedAt();
    }
    long records = log.records();
    long fresh = records - Math.max(trainedRecords, 0);
    boolean due =
        fresh > 0
            && (trainedRecords < 0
                || fresh >= config.minNewInteractions()
                || !clock.instant().isBefore(trainedAt.plus(config.maxInterval())));
    if (!due) {
      return skipped(
          fresh
              + " new interactions since the last training (need "
              + config.minNewInteractions()
              + " or "
              + config.maxInterval()
              + ")");
    }
    InteractionSnapshot snapshot = log.snapshot();
    metrics.undecodable(snapshot.malformed());
    String snapshotId = snapshot.describe(TopicNames.INTERACTIONS);
    // Read before preparing: a failed read must not be reported as "too little data" below.
    Optional<Map<String, ItemEmbedding>> published = embeddings.map(PublishedEmbeddings::refresh);
    PreparedDataset data;
    try {
      data = prepare(snapshot.interactions(), snapshotId);
      if (published.isPresent()) {
        EmbeddedItemsFilter.Decision decision =
            embeddedItems(snapshot.interactions(), data, published.get());
        if (decision instanceof EmbeddedItemsFilter.Wait wait) {
          return skipped(wait.reason());
        }
        EmbeddedItemsFilter.Train train = (EmbeddedItemsFilter.Train) decision;
        if (!train.excludedItems().isEmpty()) {
          // The k-core of fewer interactions keeps a subset of the items, so no new item without an
          // embedding.
          data = prepare(train.interactions(), snapshotId);
        }
      }
    } catch (IllegalStateException e) {
      return skipped("too little data: " + e.getMessage());
    }
    return train(current, snapshot, snapshotId, data);
  }

  private Outcome train(
      Optional<ModelRelease> current,
      InteractionSnapshot snapshot,
      String snapshotId,
      PreparedDataset data)
      throws IOException {
    String datasetSha = Sha256.of(snapshotId);
    Instant start = clock.instant();
    Path work = Files.createTempDirectory("llmemb-trainer");
    try (TrainedModel model = trainer.train(data, work)) {
      Map<String, Double> heldOut =
          new LinkedHashMap<>(
              new HeldOutEvaluator(config.seed()).evaluate(model.model(), data.split()));
      heldOut.putAll(model.validation());
      trainedRecords = snapshot.records();
      trainedAt = clock.instant();
      metrics.trained(
          Duration.between(start, trainedAt),
          heldOut.getOrDefault(config.gateMetric(), Double.NaN),
          snapshot.interactions().size());
      Optional<String> diverged = divergenceRefusal(model.result());
      if (diverged.isPresent()) {
        metrics.diverged();
        LOG.warn("Candidate refused: {}", diverged.get());
        return new Outcome(Status.REFUSED, diverged.get(), heldOut, Optional.empty());
      }
      EvalGate.Decision decision = gate.decide(heldOut, current.map(c -> reEvaluated(c, data)));
      if (!decision.accepted()) {
        return new Outcome(Status.REFUSED, decision.reason(), heldOut, Optional.empty());
      }
      String version =
          BundleMetadata.timestampVersion(trainedAt) + "-" + datasetSha.substring(0, 8);
      WrittenBundle bundle = store.write(version, model, data, datasetSha, heldOut);
      ModelRelease release =
          ModelRelease.newBuilder()
              .setModelName(config.modelName())
              .setVersion(version)
              .setUri(bundle.dir().toUri().toString())
              .setSha256(bundle.manifestSha256())
              .setBackbone(model.model().name())
              .setLlmVersion(model.text().map(TrainedModel.TextView::llmVersion).orElse(null))
              .setPromptVersion(model.text().map(TrainedModel.TextView::promptVersion).orElse(null))
              .setEmbeddingDim(model.text().map(TrainedModel.TextView::embeddingDim).orElse(0))
              .setMaxSeqLen(config.maxLen())
              .setNumItems(model.model().numItems())
              .setMetrics(heldOut)
              .setDatasetSnapshot(snapshotId)
              .setCreatedAt(clock.instant())
              .build();
      releases.publish(release);
      return new Outcome(
          Status.PUBLISHED,
          decision.reason() + "; released " + version + " at " + release.getUri(),
          heldOut,
          Optional.of(release));
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * Why a trained candidate must not be released whatever it scores: its training diverged, so its
   * weights are those of an epoch before the blow-up and a schedule would ship a degraded model
   * that only the gate stands between.
   */
  static Optional<String> divergenceRefusal(TrainResult result) {
    if (!result.diverged()) {
      return Optional.empty();
    }
    return Optional.of(
        "training diverged at epoch "
            + result.stoppedAtEpoch()
            + " ("
            + result.stopDetail()
            + "); best epoch before it "
            + result.bestEpoch());
  }

  /**
   * The current release with its metrics replaced by its own score on this snapshot's held-out
   * targets, so both models are judged on the same data; the recorded metrics when its bundle
   * cannot be loaded (logged).
   */
  private ModelRelease reEvaluated(ModelRelease current, PreparedDataset data) {
    List<String> itemIds = data.catalog().rawItemIds().subList(1, data.split().numItems() + 1);
    try (ServingModel model =
        ServingModels.load(Path.of(URI.create(current.getUri())), current.getSha256())) {
      Map<String, Double> metrics =
          new LinkedHashMap<>(
              new HeldOutEvaluator(config.seed())
                  .evaluate(new ServingModelScorer(model, itemIds), data.split()));
      metrics.put(REEVALUATED, 1.0);
      return ModelRelease.newBuilder(current).setMetrics(metrics).build();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot re-evaluate current release {} ({}); the gate uses its recorded metrics",
          current.getVersion(),
          e.toString());
      return current;
    }
  }

  private PreparedDataset prepare(List<Interaction> interactions, String snapshotId) {
    return Preprocessor.prepare(
        new RawDataset("kafka", interactions, Map.of(), new LoadReport(snapshotId)),
        prepConfig(snapshotId));
  }

  /**
   * Which interactions the text-aware model trains on; logged when the situation changes, and
   * metered.
   */
  private EmbeddedItemsFilter.Decision embeddedItems(
      List<Interaction> interactions, PreparedDataset data, Map<String, ItemEmbedding> published) {
    EmbeddedItemsFilter.Decision decision =
        embeddedItems.decide(interactions, itemIds(data), published);
    if (decision instanceof EmbeddedItemsFilter.Wait wait) {
      metrics.withoutEmbedding(wait.missing(), 0);
      textViewLog.warn("wait " + wait.missing(), "Not training yet: " + wait.reason());
    } else if (decision instanceof EmbeddedItemsFilter.Train train) {
      metrics.withoutEmbedding(train.excludedItems().size(), train.excludedInteractions());
      if (train.excludedItems().isEmpty()) {
        textViewLog.clear();
      } else {
        textViewLog.warn(
            "exclude " + train.excludedItems(),
            "Leaving out "
                + train.excludedItems().size()
                + " items without an embedding on catalog.item_embeddings, and their "
                + train.excludedInteractions()
                + " interactions (first: "
                + EmbeddedItemsFilter.shown(train.excludedItems())
                + ")");
      }
    }
    return decision;
  }

  private static List<String> itemIds(PreparedDataset data) {
    return data.catalog().rawItemIds().subList(1, data.split().numItems() + 1);
  }

  private PrepConfig prepConfig(String name) {
    PrepConfig base = PrepConfig.defaults(io.llmemb.data.load.DatasetFormat.MOVIELENS, name);
    return base.withCores(config.userCore(), config.itemCore());
  }

  private Outcome skipped(String reason) {
    return new Outcome(Status.SKIPPED, reason, Map.of(), Optional.empty());
  }

  /**
   * Sum of the offsets in a snapshot id written by {@link InteractionSnapshot#describe}; -1 if
   * unreadable.
   */
  static long recordsOf(String snapshotId) {
    if (snapshotId == null || !snapshotId.startsWith(TopicNames.INTERACTIONS + "@")) {
      return -1;
    }
    try {
      long sum = 0;
      for (String part : snapshotId.substring(TopicNames.INTERACTIONS.length() + 1).split(",")) {
        sum += Long.parseLong(part.substring(part.indexOf(':') + 1));
      }
      return sum;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
  }
}
