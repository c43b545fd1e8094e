package io.llmemb.bench.reliability;

import io.llmemb.demo.ServiceProcess;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One fault-injection run, in the style of Kafka's own {@code streams_eos_test}: the local broker,
 * the embedding worker and serving as child JVMs, a model release, then a paced replay with poison
 * records mixed in while serving is SIGKILLed, the broker restarted and the worker SIGKILLed at
 * seeded moments; afterwards every output is checked against the input. Every process it started is
 * stopped when it returns or throws.
 */
final class FaultRun {

  private static final Duration MODEL_WAIT = Duration.ofSeconds(180);
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);
  private static final Duration EMBEDDING_WAIT = Duration.ofSeconds(120);

  private final RunSpec spec;

  FaultRun(RunSpec spec) {
    this.spec = spec;
  }

  FaultRunResult run() throws Exception {
    long t0 = System.nanoTime();
    long start = System.currentTimeMillis();
    ReplayData data =
        spec.dataDir() == null
            ? ReplayData.synthetic(
                spec.events(), Math.max(10, spec.events() / 100), 2_000, spec.seed(), start)
            : ReplayData.movieLens(spec.dataDir(), spec.events(), start);
    System.out.printf(
        "replay: %d interactions of %s, %d items%n",
        data.events().size(), data.source(), data.items().size());
    Files.createDirectories(spec.workDir());
    Path store = spec.workDir().resolve("models");
    ModelRelease release =
        ModelReleaseFactory.write(
            store,
            Fleet.MODEL_NAME,
            "r" + start,
            data.items(),
            RunSpec.HIDDEN,
            RunSpec.MODEL_MAX_LEN,
            spec.seed());
    Random random = new Random(spec.seed());
    Set<String> sampled = sample(data, random);
    FaultPlan plan =
        FaultPlan.draw(
            spec.events(),
            spec.servingKills(),
            spec.brokerRestarts(),
            spec.workerKills(),
            spec.servingInstances(),
            spec.seed());

    try (LocalCluster cluster =
        LocalCluster.start(spec.workDir().resolve("broker"), spec.partitions())) {
      Topics topics =
          Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl()));
      try (FaultReplayer replayer =
          new FaultReplayer(cluster.bootstrapServers(), topics, spec.events())) {
        replayer.release(release);
        int[] ports = FreePorts.pick(1 + spec.servingInstances());
        try (Fleet fleet =
            Fleet.start(spec, cluster.bootstrapServers(), cluster.registryUrl(), store, ports)) {
          fleet.awaitHealthy(spec.startTimeout());
          for (ServiceProcess s : fleet.serving()) {
            Fleet.awaitModel(s, data.items().get(0), MODEL_WAIT);
          }
          System.out.printf(
              "stack up after %.0f s: broker %s, %d serving instance(s), worker; logs in %s%n",
              (System.nanoTime() - t0) / 1e9,
              cluster.bootstrapServers(),
              spec.servingInstances(),
              spec.workDir().resolve("logs"));
          try (OutputTracker output =
                  new OutputTracker(cluster.bootstrapServers(), topics.recommendations(), sampled);
              FaultInjector faults =
                  new FaultInjector(fleet, cluster, output, spec.startTimeout())) {
            replay(data, plan, replayer, faults, topics, random);
            drain(output, data, replayer);
            // verify a fixed snapshot: a record arriving during the checks would make the counts
            // disagree
            output.close();
            List<ReplayEvent> acked = new ArrayList<>();
            for (int i = 0; i < data.events().size(); i++) {
              if (replayer.acked(i)) {
                acked.add(data.events().get(i));
              }
            }
            Verifier.Counts counts;
            try (OfflineReference reference =
                OfflineReference.load(
                    Path.of(URI.create(release.getUri())),
                    release.getSha256(),
                    RunSpec.TOP_K,
                    RunSpec.MAX_SEQ_LEN)) {
              counts =
                  new Verifier(acked, output).verify(sampled, reference, fleet.serving(0).port());
            }
            DlqAudit dlq =
                DlqAudit.read(
                    cluster.bootstrapServers(),
                    dlqTopics(),
                    replayer.poison(),
                    Duration.ofMinutes(2));
            int embedded = embedded(cluster.bootstrapServers(), replayer.catalog());
            List<FaultRunResult.FaultOutcome> outcomes = new ArrayList<>();
            List<Long> servingStalls = new ArrayList<>();
            for (FaultInjector.Struck s : faults.struck()) {
              long stall = output.stallAfter(s.atMillis);
              outcomes.add(
                  new FaultRunResult.FaultOutcome(
                      s.fault.kind().name(),
                      s.target,
                      s.fault.atEvent(),
                      s.atMillis,
                      stall,
                      s.backAtMillis == 0 ? -1 : s.backAtMillis - s.atMillis,
                      s.recovered));
              if (s.fault.kind() == FaultPlan.Kind.SERVING_KILL && stall >= 0) {
                servingStalls.add(stall);
              }
            }
            return new FaultRunResult(
                data.source(),
                counts.inputs(),
                replayer.failures(),
                output.total(),
                counts.lost(),
                counts.duplicated(),
                counts.unexpected(),
                counts.outOfOrderUsers(),
                counts.referenceChecked(),
                counts.referenceMismatches(),
                counts.restChecked(),
                counts.restMismatches(),
                outcomes,
                FaultRunResult.percentile(servingStalls, 0.5),
                FaultRunResult.percentile(servingStalls, 0.99),
                dlq.expected(),
                dlq.found(),
                dlq.duplicated(),
                dlq.unexpected(),
                dlq.byTopic(),
                replayer.catalog().size(),
                embedded,
                (System.nanoTime() - t0) / 1e9);
          }
        }
      }
    }
  }

  /** Seeded sample of users for the reference and REST checks. */
  private Set<String> sample(ReplayData data, Random random) {
    List<String> users =
        new ArrayList<>(
            new LinkedHashSet<>(data.events().stream().map(ReplayEvent::userId).toList()));
    Collections.shuffle(users, random);
    return new HashSet<>(users.subList(0, Math.min(spec.sampledUsers(), users.size())));
  }

  /**
   * Paces the interactions at the spec's rate, mixing in poison and catalog records at seeded
   * positions, and strikes each planned fault at its event once the previous one has recovered.
   */
  private void replay(
      ReplayData data,
      FaultPlan plan,
      FaultReplayer replayer,
      FaultInjector faults,
      Topics topics,
      Random random)
      throws InterruptedException {
    int n = data.events().size();
    List<Poison> kinds = new ArrayList<>(Arrays.asList(Poison.values()));
    if (!spec.embeddingPoison()) {
      kinds.remove(Poison.EMBEDDING_RANDOM_BYTES);
    }
    Map<Integer, List<Poison>> poisonAt = new TreeMap<>();
    for (Poison kind : kinds) {
      for (int i = 0; i < spec.poisonPerKind(); i++) {
        poisonAt.computeIfAbsent(random.nextInt(n), k -> new ArrayList<>()).add(kind);
      }
    }
    List<String> catalogIds =
        data.items().subList(0, Math.min(spec.catalogItems(), data.items().size()));
    Map<Integer, List<String>> catalogAt = new HashMap<>();
    for (String id : catalogIds) {
      catalogAt.computeIfAbsent(random.nextInt(n), k -> new ArrayList<>()).add(id);
    }
    int nextFault = 0;
    int poisonCount = 0;
    FaultInjector.Struck previous = null;
    long started = System.nanoTime();
    long lastReport = started;
    for (int i = 0; i < n; i++) {
      while (nextFault < plan.faults().size() && plan.faults().get(nextFault).atEvent() == i) {
        if (previous != null) {
          faults.awaitRecovery(previous, spec.recoveryTimeout());
        }
        previous = faults.strike(plan.faults().get(nextFault++), i);
      }
      for (Poison p : poisonAt.getOrDefault(i, List.of())) {
        replayer.poison(p, p.record(topics, poisonCount++, data.items(), random));
      }
      for (String id : catalogAt.getOrDefault(i, List.of())) {
        replayer.catalogItem(data.catalog().get(id));
      }
      replayer.interaction(i, data.events().get(i));
      if (spec.rate() > 0) {
        long due = started + (long) ((i + 1) / spec.rate() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } else if (-wait > 5_000_000_000L) {
          // after waiting for a recovery, resume the pace instead of flooding serving with the
          // backlog
          started = System.nanoTime() - (long) ((i + 1) / spec.rate() * 1e9);
        }
      }
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf("replayed %d / %d interactions%n", i + 1, n);
      }
    }
    replayer.flush();
    if (previous != null) {
      faults.awaitRecovery(previous, spec.recoveryTimeout());
    }
    System.out.printf(
        "replay done: %d interactions, %d poison records, %d catalog records, %d send failures%s%n",
        n,
        poisonCount,
        catalogIds.size(),
        replayer.failures(),
        replayer.lastFailure() == null ? "" : " (last: " + replayer.lastFailure() + ")");
  }

  /**
   * Waits until every input has an output and none arrived for the quiet period, or nothing more
   * comes.
   */
  private void drain(OutputTracker output, ReplayData data, FaultReplayer replayer)
      throws InterruptedException {
    long expected = 0;
    for (int i = 0; i < data.events().size(); i++) {
      if (replayer.acked(i)) {
        expected++;
      }
    }
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long quietFull = Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < deadline) {
      long quiet = System.nanoTime() - output.lastArrivalNanos();
      if (output.total() >= expected && quiet > quietFull || quiet > spec.drainQuiet().toNanos()) {
        break;
      }
      Thread.sleep(200);
    }
    System.out.printf("drained: %d records for %d inputs%n", output.total(), expected);
  }

  private static List<String> dlqTopics() {
    return List.of(
        TopicNames.dlq(TopicNames.INTERACTIONS),
        TopicNames.dlq(TopicNames.CATALOG_ITEMS),
        TopicNames.dlq(TopicNames.ITEM_EMBEDDINGS));
  }

  /**
   * How many of {@code items} have an embedding record, waiting for the worker to catch up
   * (bounded).
   */
  private static int embedded(String bootstrap, List<String> items) throws InterruptedException {
    Set<String> missing = new HashSet<>(items);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicNames.ITEM_EMBEDDINGS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + EMBEDDING_WAIT.toNanos();
      while (!missing.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            missing.remove(r.key());
          }
        }
      }
    }
    return items.size() - missing.size();
  }
}
