package io.llmemb.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.fetch.DataDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced fault-injection run of {@code bin/reliability} on the real broker with the services
 * as child JVMs: 10,000 interactions (MovieLens when fetched, seeded synthetic otherwise), three
 * SIGKILLs of a serving instance at seeded moments, poison records on the interactions and catalog
 * topics. Nothing may be lost, nothing duplicated, every poison record dead-lettered exactly once,
 * and the sampled users' lists must equal the offline reference. No broker restart and no worker
 * kill here: each costs a minute on two cores; the full run has them.
 */
class ReducedFaultRunTest {

  /**
   * The deployment's failover settings (serving's application.yml): static membership, so a
   * restarted instance takes its partitions back without waiting out the dead member's session, and
   * one standby per task.
   */
  private static final Map<String, String> FAILOVER =
      Map.of(
          "GROUP_INSTANCE_ID",
          Fleet.APPLICATION_ID + "-{instance}",
          "SESSION_TIMEOUT",
          "6s",
          "NUM_STANDBY_REPLICAS",
          "1");

  @Test
  @Timeout(value = 9, unit = TimeUnit.MINUTES)
  void threeServingKillsLoseNothingAndDuplicateNothing(@TempDir Path work) throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    // bin/test sets LLMEMB_DATA_DIR; a plain `mvn verify` runs in bench/, so look under the root's
    // data/ too
    Path data =
        Stream.of(DataDirs.movieLensSmall(), root.resolve("data").resolve(DataDirs.ML_LATEST_SMALL))
            .filter(d -> Files.isRegularFile(d.resolve("ratings.csv")))
            .findFirst()
            .orElse(null);
    RunSpec spec =
        new RunSpec(
            root,
            work,
            data,
            10_000,
            250,
            3,
            0,
            0,
            2,
            4,
            3,
            true,
            10,
            30,
            15,
            FAILOVER,
            Duration.ofMinutes(2),
            Duration.ofSeconds(150),
            Duration.ofMinutes(3));

    FaultRunResult result = new FaultRun(spec).run();
    result.print(System.out);
    result.writeJson(root.resolve("bench/target/reliability-reduced.json"));

    assertEquals(3, result.kills(FaultPlan.Kind.SERVING_KILL), "every planned kill struck");
    assertTrue(
        result.inputs() >= 10_000 - result.sendFailures() && result.sendFailures() == 0,
        "every interaction acknowledged: " + result.sendFailures() + " sends failed");
    assertEquals(0, result.lost(), "interactions without a recommendation record");
    assertEquals(0, result.duplicated(), "recommendation records beyond one per interaction");
    assertEquals(0, result.unexpected(), "recommendation records for no interaction");
    assertEquals(0, result.outOfOrderUsers(), "users whose records arrived out of event order");
    assertEquals(
        result.dlqExpected(), result.dlqFound(), "poison records without a dead-letter copy");
    assertEquals(0, result.dlqDuplicated(), "dead-letter copies beyond one per poison record");
    assertTrue(result.referenceChecked() > 0, "the offline reference checked something");
    assertEquals(0, result.referenceMismatches(), "lists that differ from the offline reference");
    assertEquals(
        0, result.restMismatches(), "REST answers that differ from the user's last record");
  }
}
