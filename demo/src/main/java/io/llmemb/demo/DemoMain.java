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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job. Today it: fetches the default dataset (MovieLens ml-latest-small from Debian's
 * r-cran-dslabs), starts the real local stack (KRaft broker + schema registry), publishes the catalog to
 * {@code catalog.items} and replays the ratings in time order into {@code tracking.interactions}, all as Avro in
 * the Confluent wire format, then prints what landed in each topic. The embedding worker, trainer and serving
 * services join this flow as they are built (issue 7).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the local stack and replay the default MovieLens data into the topics.")
public final class DemoMain implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = DevStackOptions.DEFAULT_DATA_DIR,
      description = "Stack data directory (${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--dataset-dir", description = "MovieLens ml-latest-small directory (default: fetched into "
      + "$LLMEMB_DATA_DIR/ml-latest-small or data/ml-latest-small).")
  Path datasetDir;

  @Option(names = "--rate", defaultValue = "5000",
      description = "Interactions per second to replay; 0 = as fast as possible (${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--max-interactions", defaultValue = "-1",
      description = "Replay only the first N interactions in time order; -1 = all (${DEFAULT-VALUE}).")
  long maxInteractions;

  @Option(names = "--port", defaultValue = "" + DevStackOptions.DEFAULT_BROKER_PORT, description = "Kafka port.")
  int port;

  @Option(names = "--controller-port", defaultValue = "" + DevStackOptions.DEFAULT_CONTROLLER_PORT,
      description = "KRaft controller port.")
  int controllerPort;

  @Option(names = "--registry-port", defaultValue = "" + DevStackOptions.DEFAULT_REGISTRY_PORT,
      description = "Schema registry port.")
  int registryPort;

  @Option(names = "--exit", description = "Stop the stack and exit when the replay is done (default: keep running "
      + "until Ctrl-C so you can consume the topics).")
  boolean exitWhenDone;

  /** Runs the demo. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Path dir = datasetDir != null ? datasetDir : fetchDefaultDataset();
    RawDataset data = DatasetFormat.MOVIELENS.loader().load(DatasetFormat.MOVIELENS.resolve(List.of(dir)));
    System.out.printf("dataset: %d interactions, %d items (%s)%n", data.interactions().size(), data.items().size(),
        data.report());

    DevStack stack = DevStack.start(new DevStackOptions(dataDir, "localhost", port, controllerPort, registryPort,
        3, 512, Duration.ofSeconds(90)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "demo-stop"));
    System.out.println("bootstrap.servers=" + stack.bootstrapServers());
    System.out.println("schema.registry.url=" + stack.schemaRegistryUrl());

    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    long now = System.currentTimeMillis();
    List<Item> items = data.items().values().stream()
        .map(raw -> CatalogRecords.item(raw, data.kind(), now)).toList();
    List<Interaction> timeOrder = data.interactions().stream()
        .sorted(Comparator.comparingLong(Interaction::timestamp))
        .limit(maxInteractions < 0 ? Long.MAX_VALUE : maxInteractions).toList();
    try (DemoProducers producers = new DemoProducers(stack.bootstrapServers(), topics)) {
      new Replayer<Item, Item>(producers.items(), TopicNames.CATALOG_ITEMS, Item::getItemId, i -> i)
          .replay(items.iterator(), items.size(), 0, "catalog.items");
      new Replayer<Interaction, io.llmemb.schemas.avro.Interaction>(producers.interactions(),
          TopicNames.INTERACTIONS, Interaction::userId, CatalogRecords::interaction)
          .replay(timeOrder.iterator(), timeOrder.size(), rate, "tracking.interactions");
    }
    TopicSummary.print(stack.bootstrapServers(), stack.schemaRegistryUrl(), System.out);

    if (exitWhenDone) {
      stack.close();
      return 0;
    }
    System.out.println("Stack is up; consume with `bin/devstack consume --topic catalog.items --max 5`. "
        + "Ctrl-C stops.");
    stopped.await();
    return 0;
  }

  private static Path fetchDefaultDataset() {
    Path dir = DataDirs.movieLensSmall();
    return new DslabsFetcher(dir, dir.resolve(".work"), CommandRunner.system()).fetch().dir();
  }
}
