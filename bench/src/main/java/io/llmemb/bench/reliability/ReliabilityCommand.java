package io.llmemb.bench.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/reliability}: the fault-injection suite's command line; exit code 0 only when the run
 * passed.
 */
@Command(
    name = "reliability",
    mixinStandardHelpOptions = true,
    description = {
      "Replays interactions into the real local broker while SIGKILLing serving, restarting the broker "
          + "and SIGKILLing the embedding worker at seeded moments, then checks one recommendation per input, "
          + "per-user state against an offline reference and every dead letter exactly once.",
      "Prints the verdict and writes it as JSON; exits 1 when anything was lost, duplicated or wrong."
    })
public final class ReliabilityCommand implements Callable<Integer> {

  @Option(
      names = "--events",
      defaultValue = "100000",
      description = "Interactions to replay (default ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--rate",
      defaultValue = "400",
      description = "Interactions per second offered; 0 = unpaced " + "(default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--serving-kills",
      defaultValue = "10",
      description = "SIGKILLs of serving (default ${DEFAULT-VALUE}).")
  int servingKills;

  @Option(
      names = "--broker-restarts",
      defaultValue = "1",
      description = "Broker restarts (default ${DEFAULT-VALUE}).")
  int brokerRestarts;

  @Option(
      names = "--worker-kills",
      defaultValue = "1",
      description = "SIGKILLs of the embedding worker (default ${DEFAULT-VALUE}).")
  int workerKills;

  @Option(
      names = "--serving-instances",
      defaultValue = "2",
      description = "Serving instances of one application (default ${DEFAULT-VALUE}).")
  int servingInstances;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--poison-per-kind",
      defaultValue = "10",
      description = "Poison records of each kind (default ${DEFAULT-VALUE}).")
  int poisonPerKind;

  @Option(
      names = "--embedding-poison",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also poison catalog.item_embeddings, which every serving instance reads (default on).")
  boolean embeddingPoison;

  @Option(
      names = "--catalog-items",
      defaultValue = "100",
      description = "Catalog records published for the worker (default ${DEFAULT-VALUE}).")
  int catalogItems;

  @Option(
      names = "--sampled-users",
      defaultValue = "100",
      description =
          "Users checked against the offline reference and REST (default ${DEFAULT-VALUE}).")
  int sampledUsers;

  @Option(
      names = "--seed",
      defaultValue = "15",
      description = "Seed of fault moments, targets, poison, sample.")
  long seed;

  @Option(
      names = "--data",
      description =
          "MovieLens directory (default data/ml-latest-small when present; "
              + "otherwise seeded synthetic interactions).")
  Path data;

  @Option(
      names = "--synthetic",
      description = "Replay seeded synthetic interactions even if MovieLens is present.")
  boolean synthetic;

  @Option(
      names = "--work-dir",
      defaultValue = ".devstack/reliability",
      description =
          "Broker data, model store, state dirs, logs; emptied first (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--json",
      defaultValue = "bench/results/reliability.json",
      description = "Where the verdict is written (default ${DEFAULT-VALUE}).")
  Path json;

  @Option(
      names = "--static-membership",
      description =
          "Give each serving instance GROUP_INSTANCE_ID "
              + "(Kafka static membership), so a restarted instance takes its partitions back without a rebalance.")
  boolean staticMembership;

  @Option(names = "--session-timeout", description = "Serving SESSION_TIMEOUT, e.g. 10s.")
  String sessionTimeout;

  @Option(names = "--standby-replicas", description = "Serving NUM_STANDBY_REPLICAS.")
  Integer standbyReplicas;

  @Option(
      names = "--serving-env",
      description =
          "Further serving environment, KEY=VALUE; {instance} is replaced "
              + "by the instance number.")
  Map<String, String> servingEnv = new HashMap<>();

  @Option(
      names = "--recovery-timeout",
      defaultValue = "PT3M",
      description =
          "Longest wait for output after a fault before the next (default ${DEFAULT-VALUE}).")
  Duration recoveryTimeout;

  @Option(
      names = "--drain-quiet",
      defaultValue = "PT5M",
      description =
          "After the replay, this long without "
              + "output ends the wait for missing records; longer than any stall (default ${DEFAULT-VALUE}).")
  Duration drainQuiet;

  @Option(
      names = "--project-root",
      defaultValue = ".",
      description = "Repository root (holds services/).")
  Path projectRoot;

  @Override
  public Integer call() throws Exception {
    FaultRunResult result = new FaultRun(spec()).run();
    result.print(System.out);
    result.writeJson(json);
    System.out.println("verdict written to " + json);
    return result.passed() ? 0 : 1;
  }

  RunSpec spec() throws java.io.IOException {
    Path dataDir =
        synthetic
            ? null
            : data != null ? data : existing(projectRoot.resolve("data/ml-latest-small"));
    Map<String, String> env = new HashMap<>(servingEnv);
    if (staticMembership) {
      env.put("GROUP_INSTANCE_ID", Fleet.APPLICATION_ID + "-{instance}");
    }
    if (sessionTimeout != null) {
      env.put("SESSION_TIMEOUT", sessionTimeout);
    }
    if (standbyReplicas != null) {
      env.put("NUM_STANDBY_REPLICAS", String.valueOf(standbyReplicas));
    }
    WorkDirs.reset(workDir);
    return new RunSpec(
        projectRoot.toAbsolutePath().normalize(),
        workDir.toAbsolutePath().normalize(),
        dataDir,
        events,
        rate,
        servingKills,
        brokerRestarts,
        workerKills,
        servingInstances,
        partitions,
        poisonPerKind,
        embeddingPoison,
        catalogItems,
        sampledUsers,
        seed,
        env,
        recoveryTimeout,
        drainQuiet,
        Duration.ofMinutes(4));
  }

  private static Path existing(Path dir) {
    return Files.isDirectory(dir) ? dir : null;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReliabilityCommand()).execute(args));
  }
}
