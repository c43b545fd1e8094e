package io.llmemb.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A diverged run is marked in its row and counted in the report, once per training. */
class DivergedRunsTest {

  private static final Map<String, Double> METRICS =
      Map.of("overall.hr@10", 0.5, "overall.ndcg@10", 0.3);

  private static RunResult run(
      String variant, long seed, String protocol, String stoppedBy, int cold) {
    return new RunResult(
        "SASRec",
        variant,
        "minilm",
        seed,
        protocol,
        METRICS,
        Map.of("overall", 671, "cold", cold),
        List.of(),
        Map.of(),
        stoppedBy);
  }

  private static List<RunResult> runs() {
    List<RunResult> out = new ArrayList<>();
    for (String protocol : List.of("sampled-100", "full")) {
      out.add(run("LLMEmb", 42, protocol, "patience", 0));
      out.add(run("LLMEmb", 43, protocol, "divergence", 0));
      out.add(run("Fused", 42, protocol, "maxEpochs", 0));
    }
    out.add(run("Fused", 43, "cold-sampled", "divergence", 95));
    out.add(run("Fused", 44, "cold-sampled", "patience", 99));
    out.add(run("Fused", 42, "cold-sampled", "patience", 100));
    return out;
  }

  @Test
  void rowsWithADivergedSeedAreMarked() {
    ResultTable table = ResultTable.build("sampled-100", runs());
    RowKey llmemb =
        table.rows().stream().filter(r -> r.variant().equals("LLMEmb")).findFirst().orElseThrow();
    RowKey fused =
        table.rows().stream().filter(r -> r.variant().equals("Fused")).findFirst().orElseThrow();
    assertEquals(1, table.divergedRuns(llmemb));
    assertEquals(0, table.divergedRuns(fused));
    assertEquals(
        "LLMEmb " + TableBlocks.DIVERGED_MARK + "1 diverged",
        TableBlocks.variantLabel(table, llmemb));
    assertEquals("Fused", TableBlocks.variantLabel(table, fused));
  }

  @Test
  void theCountIsPerTrainingNotPerProtocol() {
    String line = ReportWriter.divergenceLine(runs());
    // LLMEmb seed 43 is evaluated under two protocols but trained once; Fused seed 43 diverged in
    // the cold regime.
    assertTrue(line.startsWith("**Diverged runs: 2 of 6 trainings**"), line);
    assertTrue(line.contains("SASRec / LLMEmb / minilm / seed 43 / warm"), line);
    assertTrue(line.contains("SASRec / Fused / minilm / seed 43 / cold"), line);
    assertEquals(
        "Diverged runs: 0 of 1 trainings.",
        ReportWriter.divergenceLine(List.of(run("None", 42, "full", "patience", 0))));
  }

  @Test
  void theStopReasonSurvivesTheResultsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("results.json");
    ReportJson.write(file, Runs.FACTS, runs());
    List<RunResult> back = ReportJson.read(file).runs();
    assertEquals(
        3,
        back.stream().filter(RunResult::diverged).count(),
        "two protocols of one run, one cold run");
    String old =
        java.nio.file.Files.readString(file)
            .replaceAll(",\\s*\"stoppedBy\"\\s*:\\s*\"[A-Za-z]*\"", "");
    assertTrue(!old.contains("stoppedBy"), old);
    java.nio.file.Files.writeString(file, old);
    assertEquals(
        0,
        ReportJson.read(file).runs().stream().filter(RunResult::diverged).count(),
        "results written before the stop reason existed still load, as unknown");
  }

  @Test
  void coldCountsThatDifferBetweenSeedsAreShownPerSeed() {
    String line = ReportWriter.groupLine("cold-sampled", runs());
    assertTrue(line.contains("cold 100 / 95 / 99 (seeds 42 / 43 / 44)"), line);
    assertTrue(line.contains("overall 671."), line);
  }
}
