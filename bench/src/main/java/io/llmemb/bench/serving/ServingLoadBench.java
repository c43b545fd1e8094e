package io.llmemb.bench.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.bench.reliability.FaultReplayer;
import io.llmemb.bench.reliability.Fleet;
import io.llmemb.bench.reliability.LocalCluster;
import io.llmemb.bench.reliability.OutputTracker;
import io.llmemb.bench.reliability.ReplayEvent;
import io.llmemb.demo.ServiceProcess;
import io.llmemb.devstack.broker.FreePorts;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.srs.BackboneConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end load on one serving instance: for each catalogue size N, the local KRaft broker +
 * registry, a fused release over N items, one serving JVM started as the fault suite starts it;
 * then for each rate R interactions produced (Avro through the registry) at R per second for a
 * fixed time, the recommendations read back with {@code read_committed}, and new items published
 * meanwhile (catalog record + embedding, as the worker does) and polled for on {@code GET
 * /items/{id}/similar} until serving has indexed them. Reports per (N, R) the achieved and
 * sustained rates, events per serving CPU-second, latency percentiles, freshness, lag, and memory
 * per item and per user, each also as a ratio to the first (N, R) of the same run.
 */
@Command(
    name = "serving-load",
    mixinStandardHelpOptions = true,
    description = "End-to-end load on one serving instance (see bench/README.md).")
public final class ServingLoadBench implements Callable<Integer> {

  private static final String MODEL_NAME = "llmemb-load";
  private static final String APPLICATION_ID = "llmemb-load-serving";
  private static final BackboneConfig SASREC = new BackboneConfig(64, 2, 1, 0.2f, 50, 0.6f);
  private static final int TOP_K = 10;
  private static final Duration START = Duration.ofMinutes(6);
  private static final Duration FRESHNESS_POLL = Duration.ofMillis(10);

  @Option(names = "--items", split = ",", description = "Catalogue sizes N (default 3496,100000).")
  List<Integer> items = List.of(3_496, 100_000);

  @Option(names = "--rates", split = ",", description = "Offered events/s R (default 200,500).")
  List<Integer> rates = List.of(200, 500);

  @Option(names = "--seconds", description = "Seconds of load per (N, R) (default 30).")
  int seconds = 30;

  @Option(names = "--users", description = "Distinct users the interactions come from (2000).")
  int users = 2_000;

  @Option(names = "--new-items", description = "New items published per (N, R) (default 250).")
  int newItems = 250;

  @Option(names = "--warmup-seconds", description = "Unmeasured load before each N (default 10).")
  int warmupSeconds = 10;

  @Option(
      names = "--await-graph-seconds",
      description =
          "Before the warm-up, wait up to this long without load for serving's graph index to be "
              + "built (its log line), so the rates measure the graph, not a scan racing the build "
              + "(default 0: do not wait).")
  int awaitGraphSeconds;

  @Option(
      names = "--catalogue-texts",
      description =
          "Before the load, publish every catalogue item's embedding record (dated a day back, so "
              + "none is young), as the embedding worker does in production: the content order of "
              + "the exploration slots then reads the users' latest items' texts (default: off, "
              + "the bundle alone holds the catalogue).")
  boolean catalogueTexts;

  @Option(names = "--partitions", description = "Partitions of every topic (default 3).")
  int partitions = 3;

  @Option(names = "--heap", description = "Serving -Xmx (default 1g).")
  String heap = "1g";

  @Option(
      names = "--drain-seconds",
      description = "Longest wait for the backlog after each load window (default 300).")
  int drainSeconds = 300;

  @Option(names = "--data", description = "MovieLens dir (default data/ml-latest-small).")
  Path data = Path.of("data/ml-latest-small");

  @Option(names = "--work-dir", description = "Broker data, models, state, logs (default temp).")
  Path workDir;

  @Option(names = "--json", description = "Report (default bench/results/serving-load.json).")
  Path json = Path.of("bench/results/serving-load.json");

  @Option(
      names = "--jfr",
      description = "JFR of serving during the last (N, R), into the work dir.")
  boolean jfr;

  @Option(names = "--seed", description = "Seed of catalogue, users and items (default 42).")
  long seed = 42;

  @Option(names = "--project-root", description = "Holds services/ (default .).")
  Path projectRoot = Path.of(".");

  /**
   * Every catalogue item's embedding record, a day old; the warm-up gives serving time to read
   * them.
   */
  private static void publishCatalogueTexts(LoadCatalogue catalogue, FaultReplayer producer) {
    Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
    List<String> ids = catalogue.ids();
    for (int i = 0; i < ids.size(); i++) {
      producer.itemEmbedding(catalogue.embedding(ids.get(i), i, dayAgo));
    }
    producer.flush();
    System.out.printf(Locale.ROOT, "published %d catalogue embedding records%n", ids.size());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServingLoadBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path work = workDir != null ? workDir : Files.createTempDirectory("serving-load");
    List<Map<String, Object>> rows = new ArrayList<>();
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    for (int n : items) {
      rows.addAll(measureCatalogue(n, work.resolve("n" + n), n == items.get(items.size() - 1)));
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
    addMarginalMemory(rows);
    addRatios(rows);
    printTable(rows);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("bench", "ServingLoadBench");
    report.put("when", Instant.now().toString());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("loadavg_before", load);
    report.put("loadavg_after", loadAfter);
    report.put(
        "settings",
        Map.of(
            "seconds", seconds,
            "users", users,
            "new_items_per_run", newItems,
            "partitions", partitions,
            "serving_heap", heap,
            "backbone", "sasrec H64 2 blocks max_len 50, fused (gate, paper adapter 128)",
            "top_k", TOP_K));
    report.put("rows", rows);
    Files.createDirectories(json.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    System.out.println("wrote " + json + "; work dir " + work);
    return 0;
  }

  private List<Map<String, Object>> measureCatalogue(int n, Path dir, boolean last)
      throws Exception {
    long t0 = System.nanoTime();
    LoadCatalogue catalogue = LoadCatalogue.of(n, data, seed);
    Path store = dir.resolve("models");
    ModelRelease release =
        catalogue.writeRelease(store, MODEL_NAME, "load-" + n + "-" + seed, SASREC);
    double releaseSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "N=%d: %s, %d cold; fused release written in %.1f s%n",
        n,
        catalogue.source(),
        catalogue.coldItems(),
        releaseSeconds);
    List<Map<String, Object>> rows = new ArrayList<>();
    int capacity = warmupSeconds * rates.get(0) + 1;
    for (int r : rates) {
      capacity += r * seconds + 1;
    }
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("broker"), partitions)) {
      Topics topics =
          Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl()));
      try (FaultReplayer producer =
          new FaultReplayer(cluster.bootstrapServers(), topics, capacity)) {
        producer.release(release);
        Map<String, String> env =
            Fleet.servingEnv(
                cluster.bootstrapServers(),
                cluster.registryUrl(),
                MODEL_NAME,
                store,
                APPLICATION_ID,
                TOP_K,
                SASREC.maxLen(),
                dir.resolve("state"));
        long started = System.nanoTime();
        try (ServiceProcess serving =
            ServiceProcess.start(
                projectRoot,
                new ServiceProcess.Spec(
                    "serving-" + n,
                    "serving",
                    "io.llmemb.serving.Application",
                    FreePorts.pick(1)[0],
                    env,
                    heap),
                dir.resolve("logs"))) {
          serving.awaitReady(START);
          Fleet.awaitModel(serving, catalogue.ids().get(0), START);
          double startSeconds = (System.nanoTime() - started) / 1e9;
          ServingProbe probe =
              new ServingProbe(serving.pid(), serving.port(), dir.resolve("state"));
          System.out.printf(
              Locale.ROOT, "N=%d: serving up with the model after %.0f s%n", n, startSeconds);
          try (Output output = new Output(cluster.bootstrapServers(), topics)) {
            Driver driver = new Driver(catalogue, producer, output, serving.port(), n);
            if (catalogueTexts) {
              publishCatalogueTexts(catalogue, producer);
            }
            awaitGraph(dir.resolve("logs"), n);
            driver.run("w", 100, rates.get(0), warmupSeconds, 0, null, null);
            Map<String, Object> memBefore =
                probe.memory(dir.resolve("prometheus-before-users.txt"));
            Map<String, Object> memAfterUsers = null;
            for (int i = 0; i < rates.size(); i++) {
              int r = rates.get(i);
              boolean record = jfr && last && i == rates.size() - 1;
              Path jfrFile = record ? dir.resolve("serving-n" + n + "-r" + r + ".jfr") : null;
              Map<String, Object> row =
                  driver.run("u", users, r, seconds, newItems, probe, jfrFile);
              row.put("items", n);
              row.put("catalogue", catalogue.source());
              row.put("catalogue_texts", catalogueTexts);
              row.put("serving_start_s", startSeconds);
              row.put("release_write_s", releaseSeconds);
              if (memAfterUsers == null) {
                memAfterUsers = probe.memory(dir.resolve("prometheus-after-users.txt"));
                long distinct = driver.distinctUsers("u");
                row.put("users_loaded", distinct);
                row.put("memory_before_users", memBefore);
                row.put("memory_after_users", memAfterUsers);
                row.put("heap_bytes_per_item_total", num(memBefore, "heap_used_bytes") / n);
                row.put("rss_bytes_per_item_total", num(memBefore, "rss_bytes") / n);
                row.put(
                    "heap_bytes_per_user",
                    (num(memAfterUsers, "heap_used_bytes") - num(memBefore, "heap_used_bytes"))
                        / distinct);
                row.put(
                    "rss_bytes_per_user",
                    (num(memAfterUsers, "rss_bytes") - num(memBefore, "rss_bytes")) / distinct);
              }
              rows.add(row);
              printRow(row);
            }
          }
        }
      }
    }
    return rows;
  }

  /** Produces, consumes and polls for one measurement. */
  private final class Driver {

    private final LoadCatalogue catalogue;
    private final FaultReplayer producer;
    private final Output output;
    private final int port;
    private final int n;
    private final Random random;
    private final Map<String, Boolean> seenUsers = new ConcurrentHashMap<>();
    private int nextIndex;
    private int nextNewItem;

    Driver(LoadCatalogue catalogue, FaultReplayer producer, Output output, int port, int n) {
      this.catalogue = catalogue;
      this.producer = producer;
      this.output = output;
      this.port = port;
      this.n = n;
      this.random = new Random(seed + n);
    }

    long distinctUsers(String prefix) {
      return seenUsers.keySet().stream().filter(u -> u.startsWith(prefix)).count();
    }

    Map<String, Object> run(
        String userPrefix,
        int userCount,
        int rate,
        int durationSeconds,
        int newCount,
        ServingProbe probe,
        Path jfrFile)
        throws Exception {
      LatencyStats e2e = new LatencyStats();
      LatencyStats processing = new LatencyStats();
      long runStartMs = System.currentTimeMillis();
      output.measure(userPrefix, runStartMs, e2e, processing);
      Freshness fresh = new Freshness(port);
      if (jfrFile != null) {
        probe.startRecording("load");
      }
      double cpu0 = probe == null ? 0 : probe.cpuSeconds();
      long startNanos = System.nanoTime();
      RatePacer pacer = new RatePacer(rate, startNanos, 2_000_000_000L);
      long endNanos = startNanos + durationSeconds * 1_000_000_000L;
      int firstIndex = nextIndex;
      int sent = 0;
      int newSent = 0;
      Thread poller = new Thread(fresh::poll, "freshness-poller");
      poller.setDaemon(true);
      poller.start();
      while (true) {
        long wait = pacer.waitNanos(sent, System.nanoTime());
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long now = System.nanoTime();
        if (now >= endNanos) {
          break;
        }
        // new items spread evenly over the window, interleaved with the interactions
        while (newSent < newCount
            && now - startNanos >= (long) newSent * (endNanos - startNanos) / newCount) {
          publishNewItem(fresh);
          newSent++;
        }
        String user = userPrefix + random.nextInt(userCount);
        seenUsers.put(user, Boolean.TRUE);
        producer.interaction(
            nextIndex++, new ReplayEvent(user, catalogue.draw(random), System.currentTimeMillis()));
        sent++;
      }
      double window = (System.nanoTime() - startNanos) / 1e9;
      long outAtEnd = output.count();
      double cpuWindow = probe == null ? 0 : probe.cpuSeconds() - cpu0;
      Map<String, Object> thread = probe == null ? Map.of() : probe.streamThread();
      if (jfrFile != null) {
        probe.stopRecording("load", jfrFile);
      }
      producer.flush();
      int acked = 0;
      for (int i = firstIndex; i < nextIndex; i++) {
        if (producer.acked(i)) {
          acked++;
        }
      }
      // drain: until every acknowledged interaction has its list, or nothing more comes
      long drainStart = System.nanoTime();
      long lastCount = -1;
      long lastProgress = System.nanoTime();
      while (output.count() < acked
          && System.nanoTime() - drainStart < drainSeconds * 1_000_000_000L) {
        long c = output.count();
        if (c != lastCount) {
          lastCount = c;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > 15_000_000_000L) {
          break;
        }
        Thread.sleep(50);
      }
      double drain = (System.nanoTime() - drainStart) / 1e9;
      double cpuTotal = probe == null ? 0 : probe.cpuSeconds() - cpu0;
      fresh.finish(Duration.ofSeconds(30));
      poller.join(60_000);
      long outTotal = output.count();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rate_target", rate);
      row.put("seconds", window);
      row.put("sent", sent);
      row.put("acked", acked);
      row.put("send_failures", producer.failures());
      row.put("pacer_rebases", pacer.rebases());
      row.put("achieved_rate", sent / window);
      row.put("out_in_window", outAtEnd);
      row.put("out_rate", outAtEnd / window);
      row.put("lag_at_end", acked - outAtEnd);
      row.put("drain_s", drain);
      row.put("out_total", outTotal);
      row.put("not_arrived_after_drain", acked - outTotal);
      row.put("kept_up", acked - outAtEnd <= Math.max(rate, 1) && outTotal >= acked);
      row.put("serving_cpu_s_window", cpuWindow);
      row.put("serving_cpu_s_total", cpuTotal);
      row.put("serving_cores_used", cpuWindow / window);
      row.put("events_per_cpu_s", cpuTotal > 0 ? outTotal / cpuTotal : Double.NaN);
      row.put("stream_thread_at_end", thread);
      row.put("latency_e2e", e2e.summary());
      row.put("latency_processing", processing.summary());
      row.put("freshness", fresh.summary());
      if (jfrFile != null) {
        row.put("jfr", jfrFile.toString());
      }
      output.stopMeasuring();
      return row;
    }

    private void publishNewItem(Freshness fresh) {
      int k = nextNewItem++;
      String id = "new-" + n + "-" + k;
      producer.catalogItem(
          Item.newBuilder()
              .setItemId(id)
              .setTitle("New item " + k)
              .setCategory("Drama")
              .setCategories(List.of("Drama"))
              .setAttributes(List.of())
              .setSource("serving-load")
              .setUpdatedAt(Instant.now())
              .build());
      fresh.published(id, System.currentTimeMillis());
      producer.itemEmbedding(catalogue.newItemEmbedding(id, (long) n + k));
    }
  }

  /**
   * Embedding publication to first {@code 200} from {@code /items/{id}/similar?k=1} (404 while the
   * item is not in the index), polled every {@link #FRESHNESS_POLL}: the figure includes up to one
   * poll interval and the HTTP round trip.
   */
  private static final class Freshness {

    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final LatencyStats stats = new LatencyStats();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile long stopAtNanos = Long.MAX_VALUE;

    Freshness(int port) {
      this.port = port;
    }

    void published(String id, long atMs) {
      published.incrementAndGet();
      pending.put(id, atMs);
    }

    void finish(Duration limit) {
      stopAtNanos = System.nanoTime() + limit.toNanos();
    }

    void poll() {
      while (System.nanoTime() < stopAtNanos
          && !(stopAtNanos != Long.MAX_VALUE && pending.isEmpty())) {
        for (Map.Entry<String, Long> e : pending.entrySet()) {
          try {
            HttpRequest request =
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + port + "/items/" + e.getKey() + "/similar?k=1"))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build();
            polls.incrementAndGet();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
              stats.record(System.currentTimeMillis() - e.getValue());
              pending.remove(e.getKey());
            }
          } catch (IOException retry) {
            // counted as not yet there
          } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        try {
          Thread.sleep(FRESHNESS_POLL.toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    Map<String, Object> summary() {
      Map<String, Object> out = stats.summary();
      out.put("published", published.get());
      out.put("not_seen", pending.size());
      out.put("polls", polls.get());
      return out;
    }
  }

  /**
   * Reads {@code recs.next_items} with {@code read_committed} (what a downstream consumer of the
   * exactly-once application sees) and, while measuring, records for lists of the measured users
   * triggered at or after the start: arrival minus eventTime (end to end, including the commit
   * interval) and emittedAt minus eventTime (inside serving).
   */
  private static final class Output implements AutoCloseable {

    private final KafkaConsumer<String, Recommendations> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private volatile boolean running = true;
    private volatile Measure measure;

    private record Measure(String prefix, long fromMs, LatencyStats e2e, LatencyStats processing) {}

    Output(String bootstrap, Topics topics) {
      consumer =
          OutputTracker.readCommitted(
              bootstrap, topics.recommendations().valueSerde().deserializer());
      List<TopicPartition> parts =
          consumer.partitionsFor(topics.recommendations().name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      thread = new Thread(this::loop, "serving-load-output");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (running) {
        for (ConsumerRecord<String, Recommendations> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.currentTimeMillis();
          Measure m = measure;
          Recommendations v = r.value();
          if (m == null || v == null || !v.getUserId().startsWith(m.prefix)) {
            continue;
          }
          long eventMs = v.getEventTime().toEpochMilli();
          if (eventMs < m.fromMs) {
            continue;
          }
          count.incrementAndGet();
          m.e2e.record(now - eventMs);
          m.processing.record(v.getEmittedAt().toEpochMilli() - eventMs);
        }
      }
      consumer.close(Duration.ofSeconds(5));
    }

    void measure(String prefix, long fromMs, LatencyStats e2e, LatencyStats processing) {
      count.set(0);
      measure = new Measure(prefix, fromMs, e2e, processing);
    }

    void stopMeasuring() {
      measure = null;
    }

    long count() {
      return count.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number x ? x.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  private static double nested(Map<String, Object> row, String outer, String inner) {
    Object o = row.get(outer);
    return o instanceof Map<?, ?> m ? num((Map<String, Object>) m, inner) : num(row, outer);
  }

  /**
   * Bytes per item of the larger catalogues beyond the first: the difference of the figures before
   * users were loaded over the difference of catalogue sizes, which cancels what every instance
   * holds whatever its catalogue (code, Micronaut, Kafka clients, PyTorch).
   */
  private static void addMarginalMemory(List<Map<String, Object>> rows) {
    Map<String, Object> base = null;
    for (Map<String, Object> row : rows) {
      if (!row.containsKey("memory_before_users")) {
        continue;
      }
      if (base == null) {
        base = row;
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) row.get("memory_before_users");
      @SuppressWarnings("unchecked")
      Map<String, Object> b = (Map<String, Object>) base.get("memory_before_users");
      double items = num(row, "items") - num(base, "items");
      row.put(
          "heap_bytes_per_item_marginal",
          (num(m, "heap_used_bytes") - num(b, "heap_used_bytes")) / items);
      row.put("rss_bytes_per_item_marginal", (num(m, "rss_bytes") - num(b, "rss_bytes")) / items);
    }
  }

  private static final String[][] RATIO_FIELDS = {
    {"achieved_rate", null},
    {"out_rate", null},
    {"events_per_cpu_s", null},
    {"latency_e2e", "p50_ms"},
    {"latency_e2e", "p99_ms"},
    {"latency_e2e", "p999_ms"},
    {"latency_processing", "p99_ms"},
    {"freshness", "p50_ms"},
    {"freshness", "p99_ms"},
    {"heap_bytes_per_item_total", null},
    {"rss_bytes_per_item_total", null},
    {"heap_bytes_per_user", null},
    {"rss_bytes_per_user", null},
  };

  /**
   * Every figure of every row as a ratio to the first row (smallest N, lowest R) of the same run.
   */
  private static void addRatios(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Map<String, Object> base = rows.get(0);
    // the memory figures are per catalogue: the baseline is the first catalogue's first row
    for (Map<String, Object> row : rows) {
      Map<String, Object> ratios = new LinkedHashMap<>();
      for (String[] f : RATIO_FIELDS) {
        String key = f[1] == null ? f[0] : f[0] + "." + f[1];
        double b = f[1] == null ? num(base, f[0]) : nested(base, f[0], f[1]);
        double v = f[1] == null ? num(row, f[0]) : nested(row, f[0], f[1]);
        if (!Double.isNaN(b) && !Double.isNaN(v) && b != 0) {
          ratios.put(key, v / b);
        }
      }
      row.put("ratio_to_baseline", ratios);
    }
  }

  private static void printRow(Map<String, Object> r) {
    System.out.printf(
        Locale.ROOT,
        "N=%s R=%s: in %.0f/s, out %.0f/s, %.0f events/cpu-s (%.2f cores), e2e p50/p99/p999 %.0f/%.0f/%.0f ms,"
            + " lag at end %s, freshness p50/p99 %.0f/%.0f ms (%s of %s)%n",
        r.get("items"),
        r.get("rate_target"),
        num(r, "achieved_rate"),
        num(r, "out_rate"),
        num(r, "events_per_cpu_s"),
        num(r, "serving_cores_used"),
        nested(r, "latency_e2e", "p50_ms"),
        nested(r, "latency_e2e", "p99_ms"),
        nested(r, "latency_e2e", "p999_ms"),
        r.get("lag_at_end"),
        nested(r, "freshness", "p50_ms"),
        nested(r, "freshness", "p99_ms"),
        (long) nested(r, "freshness", "count"),
        (long) nested(r, "freshness", "published"));
  }

  private static void printTable(List<Map<String, Object>> rows) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-8s %5s %8s %8s %9s %18s %12s %6s %14s %16s %10s%n",
        "N",
        "R",
        "in/s",
        "out/s",
        "ev/cpu-s",
        "e2e p50/p99/p999",
        "proc p99 ms",
        "lag",
        "fresh p50/p99",
        "heap/rss B/item",
        "rss B/user");
    for (Map<String, Object> r : rows) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %5s %8.0f %8.0f %9.0f %18s %12.0f %6s %14s %16s %10s%n",
          r.get("items"),
          r.get("rate_target"),
          num(r, "achieved_rate"),
          num(r, "out_rate"),
          num(r, "events_per_cpu_s"),
          String.format(
              Locale.ROOT,
              "%.0f/%.0f/%.0f",
              nested(r, "latency_e2e", "p50_ms"),
              nested(r, "latency_e2e", "p99_ms"),
              nested(r, "latency_e2e", "p999_ms")),
          nested(r, "latency_processing", "p99_ms"),
          r.get("lag_at_end"),
          String.format(
              Locale.ROOT,
              "%.0f/%.0f",
              nested(r, "freshness", "p50_ms"),
              nested(r, "freshness", "p99_ms")),
          r.containsKey("heap_bytes_per_item_marginal")
              ? String.format(
                  Locale.ROOT,
                  "%.0f/%.0f",
                  num(r, "heap_bytes_per_item_marginal"),
                  num(r, "rss_bytes_per_item_marginal"))
              : "-",
          r.containsKey("rss_bytes_per_user")
              ? String.format(Locale.ROOT, "%.0f", num(r, "rss_bytes_per_user"))
              : "-");
    }
    System.out.println("\nratios to the first row:");
    for (Map<String, Object> r : rows) {
      System.out.println(
          "N=" + r.get("items") + " R=" + r.get("rate_target") + " " + r.get("ratio_to_baseline"));
    }
  }

  /** Waits (no load) until a serving log says the graph index is built, up to the option's time. */
  private void awaitGraph(Path logs, int n) throws IOException, InterruptedException {
    if (awaitGraphSeconds <= 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + awaitGraphSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(logs)) {
        for (Path f : files.toList()) {
          if (Files.readString(f).contains("ANN graph over")) {
            System.out.printf(
                Locale.ROOT,
                "N=%d: graph index built %.0f s after serving was up%n",
                n,
                (System.nanoTime() - start) / 1e9);
            return;
          }
        }
      }
      Thread.sleep(1000);
    }
    System.out.printf(
        Locale.ROOT, "N=%d: no graph index after %d s; measuring anyway%n", n, awaitGraphSeconds);
  }
}
