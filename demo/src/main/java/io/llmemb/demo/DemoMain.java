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
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.avro.ModelRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job: fetches the default dataset (MovieLens ml-latest-small from Debian's r-cran-dslabs),
 * starts the real local stack (KRaft broker + schema registry) and the three services as child JVMs
 * (embedding-worker, trainer, serving), then
 * <ol>
 *   <li>publishes the catalog to {@code catalog.items} and replays the first part of the ratings in time order
 *       into {@code tracking.interactions} (Avro, Confluent wire format);</li>
 *   <li>waits for the trainer's first release (a fused model over the worker's embeddings) and for serving to load
 *       it;</li>
 *   <li>publishes a brand-new item nobody has interacted with and shows when it appears in a recommendation list
 *       of a user whose taste matches, with no retraining;</li>
 *   <li>replays the rest at {@code --rate} while printing live numbers (events/s, p50/p99 latency, model version,
 *       prequential HR@10).</li>
 * </ol>
 * With {@code --bootstrap-servers} it starts neither the stack nor the services and replays into a running
 * deployment instead (docker-compose.yml with deploy/docker-compose.demo.yml).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the local stack and the services, replay MovieLens and show a brand-new item recommended.")
public final class DemoMain implements Callable<Integer> {

  /** Interactions replayed by a quick run ({@code --exit} without {@code --max-interactions}). */
  static final long QUICK_RUN_INTERACTIONS = 3000;

  @Option(names = "--data-dir", defaultValue = DevStackOptions.DEFAULT_DATA_DIR,
      description = "Stack data directory (${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--dataset-dir", description = "MovieLens ml-latest-small directory (default: fetched into "
      + "$LLMEMB_DATA_DIR/ml-latest-small or data/ml-latest-small).")
  Path datasetDir;

  @Option(names = "--work-dir", description = "Model store, Streams state and service logs (default: demo-run "
      + "inside --data-dir, so they live and go with the topics they refer to).")
  Path workDir;

  @Option(names = "--rate", defaultValue = "50",
      description = "Interactions per second for the live part; 0 = as fast as possible (${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--max-interactions", defaultValue = "-1",
      description = "Replay only the first N interactions in time order; -1 = all, or " + QUICK_RUN_INTERACTIONS
          + " with --exit (${DEFAULT-VALUE}).")
  long maxInteractions;

  @Option(names = "--train-fraction", defaultValue = "0.8",
      description = "Share of the replayed interactions sent before the first model is awaited (${DEFAULT-VALUE}).")
  double trainFraction;

  @Option(names = "--retrain-after", defaultValue = "100000",
      description = "The trainer retrains after this many new interactions (${DEFAULT-VALUE}).")
  long retrainAfter;

  @Option(names = "--new-items", defaultValue = "3",
      description = "Brand-new items to publish and time, one after another (${DEFAULT-VALUE}).")
  int newItems;

  @Option(names = "--summary-every", defaultValue = "PT5S",
      description = "Live summary period, ISO-8601 (${DEFAULT-VALUE}).")
  Duration summaryEvery;

  @Option(names = "--service-port", defaultValue = "18091",
      description = "embedding-worker port; trainer +1, serving +2 (${DEFAULT-VALUE}).")
  int servicePort;

  @Option(names = "--port", defaultValue = "" + DevStackOptions.DEFAULT_BROKER_PORT, description = "Kafka port.")
  int port;

  @Option(names = "--controller-port", defaultValue = "" + DevStackOptions.DEFAULT_CONTROLLER_PORT,
      description = "KRaft controller port.")
  int controllerPort;

  @Option(names = "--registry-port", defaultValue = "" + DevStackOptions.DEFAULT_REGISTRY_PORT,
      description = "Schema registry port.")
  int registryPort;

  @Option(names = "--bootstrap-servers", description = "Replay into this running Kafka instead of starting a stack "
      + "and the services, e.g. localhost:9092 for docker-compose.yml with deploy/docker-compose.demo.yml.")
  String externalBootstrap;

  @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081",
      description = "With --bootstrap-servers: the registry the services use (${DEFAULT-VALUE}).")
  String externalRegistry;

  @Option(names = "--serving-port", defaultValue = "8093",
      description = "With --bootstrap-servers: serving's HTTP port on localhost (${DEFAULT-VALUE}).")
  int externalServingPort;

  @Option(names = "--exit", description = "Stop everything and exit when the replay is done (default: keep running "
      + "until Ctrl-C so you can consume the topics).")
  boolean exitWhenDone;

  /** Runs the demo. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = datasetDir != null ? datasetDir : fetchDefaultDataset();
    RawDataset data = DatasetFormat.MOVIELENS.loader().load(DatasetFormat.MOVIELENS.resolve(List.of(dir)));
    System.out.printf("dataset: %d interactions, %d items (%s)%n", data.interactions().size(), data.items().size(),
        data.report());
    long limit = maxInteractions >= 0 ? maxInteractions : exitWhenDone ? QUICK_RUN_INTERACTIONS : Long.MAX_VALUE;
    long now = System.currentTimeMillis();
    ReplayPlan plan = ReplayPlan.of(data, limit, trainFraction, now);
    List<Item> items = plan.items();
    List<Interaction> warm = plan.warm();
    List<Interaction> live = plan.live();
    System.out.printf("replay: %d items, %d interactions before the first model, %d live%n", items.size(),
        warm.size(), live.size());

    if (workDir == null) {
      workDir = dataDir.resolve("demo-run");
    }
    Files.createDirectories(workDir);
    // External: the stack and the services already run (docker-compose.yml); the demo only replays and watches.
    boolean external = externalBootstrap != null;
    DevStack stack = external ? null : DevStack.start(new DevStackOptions(dataDir, "localhost", port, controllerPort,
        registryPort, 3, 512, Duration.ofSeconds(90)));
    String bootstrap = external ? externalBootstrap : stack.bootstrapServers();
    String registry = external ? externalRegistry : stack.schemaRegistryUrl();
    CountDownLatch stopped = new CountDownLatch(1);
    AutoCloseable[] services = new AutoCloseable[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeQuietly(services[0]);
      closeQuietly(stack);
      stopped.countDown();
    }, "demo-stop"));
    System.out.println("bootstrap.servers=" + bootstrap);
    System.out.println("schema.registry.url=" + registry);

    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry));
    DemoServices running = external ? null : DemoServices.start(Path.of("").toAbsolutePath(), bootstrap, registry,
        workDir, servicePort, DemoServices.Settings.small(retrainAfter), Duration.ofMinutes(3));
    services[0] = running;
    int servingPort = external ? externalServingPort : running.servingPort();
    Releases releases = new Releases(bootstrap, topics);
    try (DemoProducers producers = new DemoProducers(bootstrap, topics);
        LiveMonitor monitor = new LiveMonitor(bootstrap, topics);
        SummaryPrinter summary = new SummaryPrinter(monitor, System.out, summaryEvery)) {
      new Replayer<Item, Item>(producers.items(), TopicNames.CATALOG_ITEMS, Item::getItemId, i -> i)
          .replay(items.iterator(), items.size(), 0, "catalog.items");
      replayInteractions(producers, warm, 0, "tracking.interactions (before the first model)");

      System.out.println("waiting for the embedding-worker to embed the catalog and the trainer's first release...");
      ModelRelease first = releases.awaitNew(releases.current().map(ModelRelease::getVersion).orElse(null),
          Duration.ofMinutes(20));
      releases.awaitServing(servingPort, first.getVersion(), Duration.ofMinutes(2));
      System.out.printf("model %s released (%s, %d items, metrics %s) and serving%n", first.getVersion(),
          first.getBackbone(), first.getNumItems(), first.getMetrics());

      List<NewItemProbe.Result> probes = new java.util.ArrayList<>();
      NewItemProbe prober = new NewItemProbe(producers.items(), producers.interactions(), monitor);
      for (String seed : plan.seeds(newItems)) {
        Item fresh = plan.newItem(seed, now);
        System.out.printf("publishing brand-new item %s \"%s\" %s (nobody has interacted with it)%n",
            fresh.getItemId(), fresh.getTitle(), fresh.getCategories());
        NewItemProbe.Result probe = prober.run(fresh, plan.newItemDrivers(seed, 30), Duration.ofMillis(100),
            Duration.ofMinutes(2), Duration.ofSeconds(30));
        System.out.println("new item: " + probe);
        probes.add(probe);
      }
      System.out.println("freshness: " + Freshness.summary(probes));

      replayInteractions(producers, live, rate, "tracking.interactions (live)");
      awaitQuiet(monitor, Duration.ofSeconds(5), Duration.ofMinutes(3));
      summary.printLine();
    }
    TopicSummary.print(bootstrap, registry, System.out);

    if (exitWhenDone) {
      closeQuietly(running);
      closeQuietly(stack);
      return 0;
    }
    System.out.println("Stack and services are up; consume with `bin/devstack consume --topic recs.next_items "
        + "--max 5`, or GET http://localhost:" + servingPort + "/users/{id}/recommendations. Ctrl-C stops.");
    stopped.await();
    return 0;
  }

  static void replayInteractions(DemoProducers producers, List<Interaction> interactions, double rate,
      String label) {
    new Replayer<Interaction, io.llmemb.schemas.avro.Interaction>(producers.interactions(),
        TopicNames.INTERACTIONS, Interaction::userId, CatalogRecords::interaction)
        .replay(interactions.iterator(), interactions.size(), rate, label);
  }

  /** Waits until serving has caught up: no new list for {@code quiet}, or {@code timeout}. */
  private static void awaitQuiet(LiveMonitor monitor, Duration quiet, Duration timeout) throws InterruptedException {
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
