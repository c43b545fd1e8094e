package io.llmemb.demo;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.data.fetch.CommandRunner;
import io.llmemb.data.fetch.DataDirs;
import io.llmemb.data.fetch.DslabsFetcher;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.devstack.DevStack;
import io.llmemb.devstack.DevStackOptions;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The README's main job: fetches the default dataset (MovieLens ml-latest-small from Debian's
 * r-cran-dslabs), starts the real local stack (KRaft broker + schema registry) and the three
 * services as child JVMs (embedding-worker, trainer, serving), then
 *
 * <ol>
 *   <li>publishes the catalog to {@code catalog.items} and replays the first part of the ratings in
 *       time order into {@code tracking.interactions} (Avro, Confluent wire format);
 *   <li>waits for the trainer's first release (a fused model over the worker's embeddings) and for
 *       serving to load it;
 *   <li>publishes brand-new items nobody has interacted with and shows when each first appears in a
 *       recommendation list of a user whose taste matches, and at which rank, with no retraining
 *       (serving's exploration slots give young items a place); with {@code --exit}, a run in which
 *       no new item appears in any list fails;
 *   <li>replays the rest at {@code --rate} while printing live numbers (events/s, p50/p99 latency,
 *       model version, prequential HR@10).
 * </ol>
 *
 * With {@code --bootstrap-servers} it starts neither the stack nor the services and replays into a
 * running deployment instead (docker-compose.yml with deploy/docker-compose.demo.yml).
 *
 * <p>Each run starts from a fresh stack data dir and work dir ({@link DemoState}) unless {@code
 * --keep-state}: an earlier run's release would otherwise make the trainer wait for {@code
 * --retrain-after} new interactions. A run that fails says why in one paragraph, naming the logs
 * ({@link DemoFailure}); the stack trace goes to a file.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the local stack and the services, replay MovieLens and show a brand-new item recommended.")
public final class DemoMain implements Callable<Integer> {

  /** Interactions replayed by a quick run ({@code --exit} without {@code --max-interactions}). */
  static final long QUICK_RUN_INTERACTIONS = 3000;

  /** How long the demo waits for the trainer's first release. */
  static final Duration RELEASE_WAIT = Duration.ofMinutes(20);

  /** How long the demo waits for serving to load a release. */
  static final Duration SERVING_WAIT = Duration.ofMinutes(2);

  /** Where the stack trace of a failed run goes (in the work dir's logs). */
  static final String ERROR_LOG = "demo-error.log";

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = DevStackOptions.DEFAULT_DATA_DIR,
      description =
          "Stack data directory: broker log dirs, hence every topic (${DEFAULT-VALUE}; emptied first "
              + "unless --keep-state).")
  Path dataDir;

  @Option(
      names = "--dataset-dir",
      description =
          "MovieLens ml-latest-small directory (default: fetched into "
              + "$LLMEMB_DATA_DIR/ml-latest-small or data/ml-latest-small).")
  Path datasetDir;

  @Option(
      names = "--work-dir",
      description =
          "Model store, Streams state and service logs (default: demo-run "
              + "inside --data-dir, so they live and go with the topics they refer to).")
  Path workDir;

  @Option(
      names = "--keep-state",
      description =
          "Run on what an earlier run left in --data-dir and --work-dir "
              + "(topics, models, logs) and use its release if there is one (default: empty both first, so every run starts "
              + "fresh).")
  boolean keepState;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description =
          "Interactions per second for the live part; 0 = as fast as possible (${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--max-interactions",
      defaultValue = "-1",
      description =
          "Replay only the first N interactions in time order; -1 = all, or "
              + QUICK_RUN_INTERACTIONS
              + " with --exit (${DEFAULT-VALUE}).")
  long maxInteractions;

  @Option(
      names = "--train-fraction",
      defaultValue = "0.8",
      description =
          "Share of the replayed interactions sent before the first model is awaited (${DEFAULT-VALUE}).")
  double trainFraction;

  @Option(
      names = "--retrain-after",
      defaultValue = "100000",
      description = "The trainer retrains after this many new interactions (${DEFAULT-VALUE}).")
  long retrainAfter;

  @Option(
      names = "--new-items",
      defaultValue = "3",
      description = "Brand-new items to publish and time, one after another (${DEFAULT-VALUE}).")
  int newItems;

  @Option(
      names = "--summary-every",
      defaultValue = "PT5S",
      description = "Live summary period, ISO-8601 (${DEFAULT-VALUE}).")
  Duration summaryEvery;

  @Option(
      names = "--service-port",
      defaultValue = "18091",
      description = "embedding-worker port; trainer +1, serving +2 (${DEFAULT-VALUE}).")
  int servicePort;

  @Option(
      names = "--port",
      defaultValue = "" + DevStackOptions.DEFAULT_BROKER_PORT,
      description = "Kafka port.")
  int port;

  @Option(
      names = "--controller-port",
      defaultValue = "" + DevStackOptions.DEFAULT_CONTROLLER_PORT,
      description = "KRaft controller port.")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "" + DevStackOptions.DEFAULT_REGISTRY_PORT,
      description = "Schema registry port.")
  int registryPort;

  @Option(
      names = "--bootstrap-servers",
      description =
          "Replay into this running Kafka instead of starting a stack "
              + "and the services, e.g. localhost:9092 for docker-compose.yml with deploy/docker-compose.demo.yml.")
  String externalBootstrap;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "http://localhost:8081",
      description = "With --bootstrap-servers: the registry the services use (${DEFAULT-VALUE}).")
  String externalRegistry;

  @Option(
      names = "--serving-port",
      defaultValue = "8093",
      description =
          "With --bootstrap-servers: serving's HTTP port on localhost (${DEFAULT-VALUE}).")
  int externalServingPort;

  @Option(
      names = "--exit",
      description =
          "Stop everything and exit when the replay is done (default: keep running "
              + "until Ctrl-C so you can consume the topics).")
  boolean exitWhenDone;

  /**
   * Whether the work dir is this run's (prepared), so a failure's stack trace may be written there.
   */
  boolean workDirReady;

  /**
   * Logs of this run by name, as they become known (empty with --bootstrap-servers: the deployment
   * has them).
   */
  private final Map<String, Path> logs = new LinkedHashMap<>();

  /** Runs the demo. */
  public static void main(String[] args) {
    System.exit(commandLine(new DemoMain()).execute(args));
  }

  /**
   * The command line of {@code demo}: a failure is reported by {@link #report}, not as a stack
   * trace.
   */
  static CommandLine commandLine(DemoMain demo) {
    return new CommandLine(demo)
        .setExecutionExceptionHandler((e, cli, parsed) -> demo.report(e, System.err));
  }

  /**
   * Checks the option values together; a bad one ends the run before anything starts, with usage
   * help.
   */
  void validate() {
    require(rate >= 0, "--rate must be >= 0 (0 = as fast as possible), was " + rate);
    require(
        maxInteractions == -1 || maxInteractions > 0,
        "--max-interactions must be -1 (all) or > 0, was " + maxInteractions);
    require(
        trainFraction > 0 && trainFraction <= 1,
        "--train-fraction must be in (0, 1], was " + trainFraction);
    require(retrainAfter >= 1, "--retrain-after must be >= 1, was " + retrainAfter);
    require(newItems >= 0, "--new-items must be >= 0, was " + newItems);
    require(
        !summaryEvery.isNegative() && !summaryEvery.isZero(),
        "--summary-every must be positive, was " + summaryEvery);
    require(
        servicePort >= 1 && servicePort <= 65_533,
        "--service-port must be in 1..65533 (it and the next two "
            + "ports are used), was "
            + servicePort);
    require(
        externalBootstrap != null
            || workDir == null
            || !workDir.toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize()),
        "--work-dir must not be --data-dir itself");
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  /**
   * Interactions to replay: {@code --max-interactions}, else a quick run's with {@code --exit},
   * else all.
   */
  long limit() {
    return maxInteractions >= 0
        ? maxInteractions
        : exitWhenDone ? QUICK_RUN_INTERACTIONS : Long.MAX_VALUE;
  }

  /** {@code --work-dir}, by default {@code demo-run} inside the data dir. */
  Path workDir() {
    return workDir != null ? workDir : dataDir.resolve("demo-run");
  }

  /**
   * Prints why the run failed as one paragraph on {@code err} and puts the stack trace into the
   * work dir's logs (or, when that cannot be written, on {@code err} after the paragraph).
   *
   * @return the exit code
   */
  int report(Exception e, PrintStream err) {
    if (e instanceof DemoFailure) {
      err.println("demo: " + e.getMessage());
      return 1;
    }
    String message =
        e.getMessage() == null || e.getMessage().isBlank()
            ? e.toString()
            : e.getMessage().strip().lines().findFirst().orElse("");
    Optional<Path> trace = writeTrace(e);
    err.println(
        "demo: failed: "
            + message
            + (message.endsWith(".") ? " " : ". ")
            + DemoFailure.logList(logs)
            + trace.map(t -> " Full message and stack trace: " + t + ".").orElse(""));
    if (trace.isEmpty()) {
      e.printStackTrace(err);
    }
    return 1;
  }

  private Optional<Path> writeTrace(Exception e) {
    if (!workDirReady) {
      return Optional.empty();
    }
    Path file = workDir().resolve("logs").resolve(ERROR_LOG).toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
        e.printStackTrace(w);
      }
      return Optional.of(file);
    } catch (IOException | RuntimeException notWritten) {
      return Optional.empty();
    }
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Path dir = datasetDir != null ? datasetDir : fetchDefaultDataset();
    RawDataset data =
        DatasetFormat.MOVIELENS.loader().load(DatasetFormat.MOVIELENS.resolve(List.of(dir)));
    System.out.printf(
        "dataset: %d interactions, %d items (%s)%n",
        data.interactions().size(), data.items().size(), data.report());
    long now = System.currentTimeMillis();
    ReplayPlan plan = ReplayPlan.of(data, limit(), trainFraction, now);
    List<Item> items = plan.items();
    List<Interaction> warm = plan.warm();
    List<Interaction> live = plan.live();
    System.out.printf(
        "replay: %d items, %d interactions before the first model, %d live%n",
        items.size(), warm.size(), live.size());

    // External: the stack and the services already run (docker-compose.yml); the demo only replays
    // and watches.
    boolean external = externalBootstrap != null;
    Path work = workDir();
    if (!external) {
      try {
        System.out.println("state: " + DemoState.prepare(dataDir, work, keepState));
      } catch (IllegalArgumentException | IllegalStateException notOurs) {
        throw new DemoFailure(notOurs.getMessage(), notOurs);
      }
      workDirReady = true;
    }
    DevStack stack =
        external
            ? null
            : DevStack.start(
                new DevStackOptions(
                    dataDir,
                    "localhost",
                    port,
                    controllerPort,
                    registryPort,
                    3,
                    512,
                    Duration.ofSeconds(90)));
    String bootstrap = external ? externalBootstrap : stack.bootstrapServers();
    String registry = external ? externalRegistry : stack.schemaRegistryUrl();
    CountDownLatch stopped = new CountDownLatch(1);
    AutoCloseable[] services = new AutoCloseable[1];
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeQuietly(services[0]);
                  closeQuietly(stack);
                  stopped.countDown();
                },
                "demo-stop"));
    System.out.println("bootstrap.servers=" + bootstrap);
    System.out.println("schema.registry.url=" + registry);

    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry));
    if (!external) {
      logs.putAll(DemoServices.logs(work.toAbsolutePath()));
      logs.put("broker", stack.broker().logFile());
    }
    DemoServices running =
        external
            ? null
            : DemoServices.start(
                Path.of("").toAbsolutePath(),
                bootstrap,
                registry,
                work,
                servicePort,
                DemoServices.Settings.small(retrainAfter),
                Duration.ofMinutes(3));
    services[0] = running;
    int servingPort = external ? externalServingPort : running.servingPort();
    Releases releases = new Releases(bootstrap, topics);
    Optional<String> freshnessFailure = Optional.empty();
    try (DemoProducers producers = new DemoProducers(bootstrap, topics);
        LiveMonitor monitor = new LiveMonitor(bootstrap, topics);
        SummaryPrinter summary = new SummaryPrinter(monitor::snapshot, System.out, summaryEvery)) {
      Optional<ModelRelease> earlier = releases.current();
      new Replayer<Item, Item>(producers.items(), TopicNames.CATALOG_ITEMS, Item::getItemId, i -> i)
          .replay(items.iterator(), items.size(), 0, "catalog.items");
      replayInteractions(producers, warm, 0, "tracking.interactions (before the first model)");

      ModelRelease first = earlier.isPresent() ? earlier.get() : awaitFirstRelease(releases);
      if (!releases.awaitServing(servingPort, first.getVersion(), SERVING_WAIT)) {
        throw new DemoFailure(
            DemoFailure.waitedFor(
                "serving (port " + servingPort + ") to load release " + first.getVersion(),
                SERVING_WAIT,
                "its /health never named that version",
                "Serving loads a "
                    + "release once it has read it from models.releases and checked its bundle",
                logs.get("serving"),
                logs));
      }
      System.out.printf(
          "model %s %s (%s) and serving%n",
          first.getVersion(),
          earlier.isPresent() ? "was released by an earlier run" : "released",
          ReleaseDescription.describe(first));

      List<NewItemProbe.Result> probes = new java.util.ArrayList<>();
      NewItemProbe prober = new NewItemProbe(producers.items(), producers.interactions(), monitor);
      for (String seed : plan.seeds(newItems)) {
        if (!external) {
          awaitOlderThan(monitor, DemoServices.NEW_ITEM_MAX_AGE);
        }
        Item fresh = plan.newItem(seed, now);
        System.out.printf(
            "publishing brand-new item %s \"%s\" %s (nobody has interacted with it)%n",
            fresh.getItemId(), fresh.getTitle(), fresh.getCategories());
        NewItemProbe.Result probe =
            prober.run(
                fresh,
                plan.newItemDrivers(seed, 30),
                Duration.ofMillis(100),
                Duration.ofMinutes(2),
                Duration.ofSeconds(30));
        System.out.println("new item: " + probe);
        probes.add(probe);
      }
      if (!probes.isEmpty()) {
        Freshness.lines(probes).forEach(line -> System.out.println("freshness: " + line));
        System.out.println("freshness: " + monitor.slotUse(5));
      }
      freshnessFailure = Freshness.failure(probes);

      replayInteractions(producers, live, rate, "tracking.interactions (live)");
      awaitQuiet(monitor, Duration.ofSeconds(5), Duration.ofMinutes(3));
      summary.printLine();
    }
    TopicSummary.print(bootstrap, registry, System.out);

    if (exitWhenDone) {
      closeQuietly(running);
      closeQuietly(stack);
      if (freshnessFailure.isPresent()) {
        // the run's point is a new item recommended without retraining: not showing one is a
        // failure
        throw new DemoFailure(freshnessFailure.get() + " " + DemoFailure.logList(logs));
      }
      return 0;
    }
    freshnessFailure.ifPresent(f -> System.err.println("demo: " + f));
    System.out.println(
        "Stack and services are up; consume with `bin/devstack consume --topic recs.next_items "
            + "--max 5`, or GET http://localhost:"
            + servingPort
            + "/users/{id}/recommendations. Ctrl-C stops.");
    stopped.await();
    return 0;
  }

  /**
   * Waits for the trainer's first release of {@link DemoServices#MODEL_NAME}; a timeout or an error
   * while reading {@code models.releases} ends the run with a {@link DemoFailure} naming the logs.
   */
  private ModelRelease awaitFirstRelease(Releases releases) throws InterruptedException {
    System.out.println(
        "waiting for the embedding-worker to embed the catalog and the trainer's first release...");
    long started = System.nanoTime();
    Optional<ModelRelease> release;
    try {
      release = releases.awaitNew(null, RELEASE_WAIT);
    } catch (RuntimeException e) {
      throw new DemoFailure(
          noReleaseMessage(Duration.ofNanos(System.nanoTime() - started), e.getMessage()), e);
    }
    return release.orElseThrow(
        () -> new DemoFailure(noReleaseMessage(RELEASE_WAIT, "no release appeared")));
  }

  /** The paragraph for a first release that never came. */
  String noReleaseMessage(Duration waited, String cause) {
    String hint =
        externalBootstrap != null
            ? "The services run in your deployment: see its trainer's log (e.g. docker compose logs trainer)"
            : "The trainer releases its first model once the embedding-worker has embedded the replayed catalog and "
                + "it has enough interactions to train on; its log says what it is waiting for";
    return DemoFailure.waitedFor(
        "the trainer's first release of "
            + DemoServices.MODEL_NAME
            + " on "
            + TopicNames.MODEL_RELEASES,
        waited,
        cause,
        hint,
        logs.get("trainer"),
        logs);
  }

  static void replayInteractions(
      DemoProducers producers, List<Interaction> interactions, double rate, String label) {
    new Replayer<Interaction, io.llmemb.schemas.avro.Interaction>(
            producers.interactions(),
            TopicNames.INTERACTIONS,
            Interaction::userId,
            CatalogRecords::interaction)
        .replay(interactions.iterator(), interactions.size(), rate, label);
  }

  /**
   * Waits until every item embedded so far is older than {@code maxAge} (serving's {@code
   * NEW_ITEM_MAX_AGE}, plus a second), so that the next brand-new item is the only young one: the
   * exploration slot then shows what it does for that item, not which of the catalogue's cold items
   * the demo's tiny model prefers.
   */
  private static void awaitOlderThan(LiveMonitor monitor, Duration maxAge)
      throws InterruptedException {
    Optional<Long> last = monitor.lastEmbeddingAt();
    if (last.isEmpty()) {
      return;
    }
    long waitMs = last.get() + maxAge.toMillis() + 1_000 - System.currentTimeMillis();
    if (waitMs > 0) {
      System.out.printf(
          "waiting %.1f s until earlier items are older than serving's NEW_ITEM_MAX_AGE (%d s)%n",
          waitMs / 1000.0, maxAge.toSeconds());
      Thread.sleep(waitMs);
    }
  }

  /** Waits until serving has caught up: no new list for {@code quiet}, or {@code timeout}. */
  private static void awaitQuiet(LiveMonitor monitor, Duration quiet, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long recs = monitor.snapshot().recommendations();
      if (recs != last) {
        last = recs;
        since = System.nanoTime();
      } else if (System.nanoTime() - since > quiet.toNanos()) {
        return;
      }
      Thread.sleep(200);
    }
  }

  /** Logs of this run by name (for messages). */
  Map<String, Path> logs() {
    return logs;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("demo: while stopping: " + e.getMessage());
    }
  }

  private static Path fetchDefaultDataset() {
    Path dir = DataDirs.movieLensSmall();
    return new DslabsFetcher(dir, dir.resolve(".work"), CommandRunner.system()).fetch().dir();
  }
}
