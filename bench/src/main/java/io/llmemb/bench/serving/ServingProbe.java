package io.llmemb.bench.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the load bench reads from the running serving JVM: its process CPU time ({@code
 * /proc/<pid>/stat}, every thread of the process), its memory after a full GC ({@code jcmd GC.run},
 * then {@code jvm_memory_used_bytes} and the Kafka Streams RocksDB gauges from {@code /prometheus}
 * when it exports them, {@code VmRSS}, and the state dir's bytes on disk), the stream thread's time
 * split, and a JFR recording driven through {@code jcmd}. Linux only.
 */
final class ServingProbe {

  private final long pid;
  private final int port;
  private final double ticksPerSecond;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
  private final Path stateDir;

  /** Probes process {@code pid} serving HTTP on {@code port}, with Streams state in stateDir. */
  ServingProbe(long pid, int port, Path stateDir) {
    this.pid = pid;
    this.port = port;
    this.stateDir = stateDir;
    this.ticksPerSecond = clockTicks();
  }

  /** User + system CPU seconds the process has used since it started. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // the command name (field 2) may hold spaces: fields are counted after its closing paren
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticksPerSecond;
  }

  /** Resident set size in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /**
   * Heap, non-heap and RocksDB figures and the RSS after a full collection, so the heap figure is
   * what is live rather than what the collector has not reclaimed yet; the whole {@code
   * /prometheus} exposition is written to {@code exposition}.
   */
  Map<String, Object> memory(Path exposition) throws IOException, InterruptedException {
    jcmd("GC.run");
    String metrics = get("/prometheus");
    // kept beside the report: which RocksDB series this Streams version exports is checked there
    Files.writeString(exposition, metrics);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("heap_used_bytes", sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""));
    out.put("nonheap_used_bytes", sum(metrics, "jvm_memory_used_bytes", "area=\"nonheap\""));
    out.put("direct_buffer_bytes", sum(metrics, "jvm_buffer_memory_used_bytes", "id=\"direct\""));
    // Kafka Streams' RocksDB property metrics (INFO level): memtables, block cache, table readers
    out.put("rocksdb_memtables_bytes", sum(metrics, "size_all_mem_tables", null));
    out.put("rocksdb_block_cache_bytes", sum(metrics, "block_cache_usage", null));
    out.put("rocksdb_table_readers_bytes", sum(metrics, "estimate_table_readers_mem", null));
    out.put("rss_bytes", rssBytes());
    out.put("state_dir_bytes", stateDir == null ? -1 : bytesUnder(stateDir));
    return out;
  }

  /**
   * Where the stream thread's time went over the metrics' recent window (Kafka Streams thread
   * metrics: fractions of time in poll, process, punctuate and commit; mean commit latency).
   */
  Map<String, Object> streamThread() throws IOException, InterruptedException {
    String metrics = get("/prometheus");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : List.of("poll_ratio", "process_ratio", "commit_ratio", "punctuate_ratio")) {
      out.put(name, sum(metrics, "kafka_stream_thread_" + name, null));
    }
    out.put("commit_latency_avg_ms", sum(metrics, "kafka_stream_thread_commit_latency_avg", null));
    out.put(
        "process_latency_avg_ms", sum(metrics, "kafka_stream_thread_process_latency_avg", null));
    return out;
  }

  private static long bytesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException gone) {
                  // RocksDB deletes files while compacting
                  return 0;
                }
              })
          .sum();
    }
  }

  /** Starts a JFR recording (profile settings: execution samples every 10 ms). */
  void startRecording(String name) throws IOException, InterruptedException {
    jcmd("JFR.start", "name=" + name, "settings=profile");
  }

  /** Stops the recording and writes it to {@code file}. */
  void stopRecording(String name, Path file) throws IOException, InterruptedException {
    jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
  }

  /** The serving metric {@code name} (a gauge or counter, summed over its tags), or NaN. */
  double metric(String name) throws IOException, InterruptedException {
    return sum(get("/prometheus"), name, null);
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * Sums the samples of every Prometheus series whose name contains {@code name} and whose labels
   * contain {@code label} (null: any); NaN when there is none, so a missing metric is not read as
   * 0.
   */
  static double sum(String exposition, String name, String label) {
    double total = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      int brace = line.indexOf('{');
      String metric = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
      if (!metric.contains(name) || label != null && !line.contains(label)) {
        continue;
      }
      double v = Double.parseDouble(line.substring(space + 1));
      if (!Double.isNaN(v)) {
        total += v;
        found = true;
      }
    }
    return found ? total : Double.NaN;
  }

  private void jcmd(String... command) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
    }
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Double.parseDouble(out) : 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    } catch (IOException | NumberFormatException e) {
      // the kernel's USER_HZ is 100 on every common Linux build
      return 100;
    }
  }
}
