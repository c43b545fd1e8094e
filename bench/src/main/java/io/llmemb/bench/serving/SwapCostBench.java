package io.llmemb.bench.serving;

import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.BundleModelLoader;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelReleases;
import io.llmemb.serving.scoring.ScoringSettings;
import io.llmemb.srs.BackboneConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a model swap costs serving at catalogue scale, through serving's own {@code
 * ModelReleases.apply} (load the bundle, derive and verify its item vectors, warm the engine up,
 * fill the new index, choose the user encoder, swap): a first release, then a second one while the
 * first serves, with a thread scoring users against the live model all along, so the swap's effect
 * on scoring is measured rather than assumed. Reports wall and CPU seconds of each apply (the graph
 * index of a large catalogue is built afterwards in the background and is not part of the swap) and
 * the longest gap between two answers of the scoring thread during the second apply.
 *
 * <p>Arguments: {@code [items, default 1000000] [json out, default bench/results/swap-cost.json]}.
 * Releases: the load test's fused SASRec (H 64, max_len 50) over a synthetic catalogue, seeded and
 * untrained (the cost does not depend on the weights).
 */
public final class SwapCostBench {

  private static final BackboneConfig SASREC = new BackboneConfig(64, 2, 1, 0.2f, 50, 0.6f);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SwapCostBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path json = Path.of(args.length > 1 ? args[1] : "bench/results/swap-cost.json");
    // "exact": no graph index, so no background graph build competes with the swap for the cores.
    boolean exactOnly = args.length > 2 && "exact".equals(args[2]);
    Path dir = Files.createTempDirectory("swap-cost");
    Path store = dir.resolve("models");
    LoadCatalogue catalogue = LoadCatalogue.of(n, null, 42);
    long t0 = System.nanoTime();
    ModelRelease first = catalogue.writeRelease(store, "swap", "v1", SASREC);
    ModelRelease second = catalogue.writeRelease(store, "swap", "v2", SASREC);
    System.out.printf(
        Locale.ROOT, "two fused releases over %d items written in %.1f s%n", n, seconds(t0));

    ModelHolder holder = new ModelHolder();
    ServingMetrics metrics = new ServingMetrics(new SimpleMeterRegistry(), holder::indexedItems);
    ModelReleases releases =
        new ModelReleases(
            new BundleModelLoader(store),
            holder,
            new ItemVectors(holder, metrics),
            metrics,
            "",
            exactOnly
                ? new ScoringSettings(
                    Integer.MAX_VALUE,
                    ScoringSettings.DEFAULT.maxDegree(),
                    ScoringSettings.DEFAULT.buildBeam(),
                    ScoringSettings.DEFAULT.searchBeam())
                : ScoringSettings.DEFAULT);
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(apply(releases, first, "first release (nothing serving)", null));
    Scoring scoring = new Scoring(holder, n);
    Thread scorer = new Thread(scoring, "scoring");
    scorer.setDaemon(true);
    scorer.start();
    Thread.sleep(3_000); // the scoring thread is compiled and answering before the swap starts
    rows.add(apply(releases, second, "second release (swap while scoring)", scoring));
    scoring.stop.set(true);
    scorer.join();
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, TopKBench.toJson(rows));
    System.out.println("wrote " + json);
  }

  private static Map<String, Object> apply(
      ModelReleases releases, ModelRelease release, String what, Scoring scoring) {
    if (scoring != null) {
      scoring.maxGapNanos.set(0);
      scoring.answers.set(0);
    }
    long wall = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long process = processCpuNanos();
    boolean applied = releases.apply(release);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", what);
    row.put("applied", applied);
    row.put("wall_s", seconds(wall));
    row.put("apply_thread_cpu_s", (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    row.put("process_cpu_s", (processCpuNanos() - process) / 1e9);
    if (scoring != null) {
      row.put("scoring_answers_during_swap", scoring.answers.get());
      row.put("scoring_longest_gap_ms", scoring.maxGapNanos.get() / 1e6);
    }
    System.out.println(row);
    return row;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Encodes a random history and takes its top 10 against whatever model is live, in a loop. */
  private static final class Scoring implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong maxGapNanos = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    private final ModelHolder holder;
    private final int items;

    Scoring(ModelHolder holder, int items) {
      this.holder = holder;
      this.items = items;
    }

    @Override
    public void run() {
      Random random = new Random(7);
      long last = System.nanoTime();
      while (!stop.get()) {
        LiveModel live = holder.current().orElseThrow();
        int[] history = random.ints(50, 1, items + 1).toArray();
        live.index().top(live.encodeUser(history), 10, Set.of());
        long now = System.nanoTime();
        maxGapNanos.accumulateAndGet(now - last, Math::max);
        answers.incrementAndGet();
        last = now;
      }
    }
  }
}
