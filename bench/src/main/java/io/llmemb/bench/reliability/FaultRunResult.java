package io.llmemb.bench.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The verdict of one run, printed and written as JSON.
 *
 * @param source where the interactions came from
 * @param inputs interactions the broker acknowledged (each must yield exactly one recommendation
 *     record)
 * @param sendFailures interactions whose send failed (not counted as inputs)
 * @param outputs recommendation records read with read_committed
 * @param lost inputs without a recommendation record
 * @param duplicated records beyond the first for one userId + eventTime
 * @param unexpected records whose userId + eventTime no input has
 * @param outOfOrderUsers users whose records arrived out of their event order
 * @param referenceChecked records of the sampled users recomputed offline
 * @param referenceMismatches of those, lists that differ from the offline reference
 * @param restChecked sampled users asked over REST for their latest recommendations
 * @param restMismatches answers that differ from the user's last record in the topic
 * @param faults every fault with its stall
 * @param servingStallP50Ms median stall after a serving SIGKILL (-1 when none recovered)
 * @param servingStallP99Ms 99th percentile (nearest rank) of the same
 * @param dlqExpected poison records injected
 * @param dlqFound poison records with at least one dead-letter copy
 * @param dlqDuplicated dead-letter copies beyond the first
 * @param dlqUnexpected dead-letter records that are no poison record's copy
 * @param dlqByTopic source topic to [expected, found, duplicated]
 * @param catalogPublished catalog records published for the worker
 * @param catalogEmbedded of those, items with an embedding at the end
 * @param durationSeconds wall time of the whole run, start-up included
 */
record FaultRunResult(
    String source,
    long inputs,
    long sendFailures,
    long outputs,
    long lost,
    long duplicated,
    long unexpected,
    long outOfOrderUsers,
    long referenceChecked,
    long referenceMismatches,
    long restChecked,
    long restMismatches,
    List<FaultOutcome> faults,
    long servingStallP50Ms,
    long servingStallP99Ms,
    int dlqExpected,
    int dlqFound,
    int dlqDuplicated,
    int dlqUnexpected,
    Map<String, int[]> dlqByTopic,
    int catalogPublished,
    int catalogEmbedded,
    double durationSeconds) {

  /**
   * @param atEvent replayed interactions before it struck
   * @param atMillis wall clock of the fault (epoch millis)
   * @param stallMs from the fault until every output partition emitted again; -1 if one never did
   * @param backMs from the fault until the process was healthy (the broker ready) again; -1 if it
   *     never was
   * @param recovered whether output flowed everywhere and the process was healthy within the
   *     recovery timeout
   */
  record FaultOutcome(
      String kind,
      String target,
      int atEvent,
      long atMillis,
      long stallMs,
      long backMs,
      boolean recovered) {}

  /**
   * Nothing lost, nothing twice, every poison record dead-lettered exactly once, state as the
   * reference says.
   */
  boolean passed() {
    return lost == 0
        && duplicated == 0
        && unexpected == 0
        && outOfOrderUsers == 0
        && referenceMismatches == 0
        && restMismatches == 0
        && dlqFound == dlqExpected
        && dlqDuplicated == 0
        && sendFailures == 0;
  }

  long kills(FaultPlan.Kind kind) {
    return faults.stream().filter(f -> f.kind().equals(kind.name())).count();
  }

  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  void print(PrintStream out) {
    out.println("== fault-injection run: " + (passed() ? "PASSED" : "FAILED") + " ==");
    out.printf("source      %s%n", source);
    out.printf(
        "inputs      %d interactions acknowledged (%d sends failed)%n", inputs, sendFailures);
    out.printf("outputs     %d recommendation records (read_committed)%n", outputs);
    out.printf(
        "lost        %d%nduplicated  %d%nunexpected  %d%nout of order %d users%n",
        lost, duplicated, unexpected, outOfOrderUsers);
    out.printf(
        "reference   %d of %d sampled records differ from the offline reference%n",
        referenceMismatches, referenceChecked);
    out.printf(
        "REST        %d of %d sampled users answer other than their last record%n",
        restMismatches, restChecked);
    out.printf(
        "kills       serving %d, broker restarts %d, worker %d%n",
        kills(FaultPlan.Kind.SERVING_KILL),
        kills(FaultPlan.Kind.BROKER_RESTART),
        kills(FaultPlan.Kind.WORKER_KILL));
    for (FaultOutcome f : faults) {
      out.printf(
          "  %-14s %-16s at event %7d: back up after %s, output stalled %s%s%n",
          f.kind(),
          f.target(),
          f.atEvent(),
          seconds(f.backMs()),
          f.stallMs() < 0 ? "(never resumed)" : seconds(f.stallMs()),
          f.recovered() ? "" : " (not recovered within the timeout)");
    }
    out.printf(
        "stall after serving SIGKILL: p50 %s, p99 %s%n",
        seconds(servingStallP50Ms), seconds(servingStallP99Ms));
    out.printf(
        "DLQ         expected %d, found %d, duplicated %d, unexpected %d%n",
        dlqExpected, dlqFound, dlqDuplicated, dlqUnexpected);
    dlqByTopic.forEach(
        (topic, c) ->
            out.printf("  %-24s expected %d, found %d, duplicated %d%n", topic, c[0], c[1], c[2]));
    out.printf(
        "catalog     %d of %d published items embedded%n", catalogEmbedded, catalogPublished);
    out.printf("duration    %.0f s%n", durationSeconds);
  }

  private static String seconds(long ms) {
    return ms < 0 ? "n/a" : String.format("%.1f s", ms / 1000.0);
  }

  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), Map.of("passed", passed(), "result", this));
  }
}
