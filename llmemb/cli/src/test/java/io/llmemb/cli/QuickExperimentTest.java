package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.LightMovieLens;
import io.llmemb.experiment.ExperimentPipeline;
import io.llmemb.experiment.StageCache;
import io.llmemb.experiment.report.ReportJson;
import io.llmemb.experiment.report.RowKey;
import io.llmemb.experiment.report.RunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code llmemb experiment --quick} end to end on real MovieLens data ({@link LightMovieLens}):
 * every stage runs (SCFT, embed, PCA, plain backbones, text variants, evaluate) and the report has
 * every cell filled.
 */
class QuickExperimentTest {

  @TempDir Path tmp;

  @Test
  void quickExperimentFillsEveryCellOfTheReport() throws Exception {
    Path out = tmp.resolve("report");
    Path data = LightMovieLens.write(tmp.resolve("ml-light"));
    int rc =
        LlmembCli.commandLine()
            .execute(
                "experiment",
                "--dataset",
                data.toString(),
                "--quick",
                "--backbones",
                "sasrec,gru4rec,bert4rec",
                "--seed-count",
                "2",
                "--ranking",
                "sampled,full",
                "--variants",
                "none,llmemb,fused",
                "--ablations",
                "no-align",
                "--work",
                tmp.resolve("work").toString(),
                "--out",
                out.toString(),
                "--no-progress");
    assertEquals(0, rc);
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| SASRec | None |"), md);
    assertTrue(md.contains("| Bert4Rec | LLMEmb | minilm |"), md);
    assertTrue(md.contains("| GRU4Rec | w/o align | minilm |"), md);
    assertEquals(
        4,
        md.split("Empty cells: 0\\.", -1).length - 1,
        "4 protocols, none with an empty cell: " + md);
    List<RunResult> runs = ReportJson.read(out.resolve("results.json")).runs();
    Set<RowKey> rows = runs.stream().map(RowKey::of).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(12, rows.size(), "3 backbones x {None, LLMEmb, Fused, w/o align}");
    assertEquals(
        12 * 2 * 4, runs.size(), "rows x 2 seeds x {sampled, full, cold-sampled, cold-full}");
    assertTrue(md.contains("| SASRec | Fused | minilm |"), md);
    assertTrue(md.contains("Cold H@10"), "the cold-item protocol has its own columns");
    for (RunResult r : runs) {
      assertTrue(r.metric("overall.hr@10") >= r.metric("overall.ndcg@10"), "HR >= NDCG");
      assertFalse(r.hrByPopularityBucket().isEmpty());
      assertFalse(r.curve().isEmpty());
    }
    try (Stream<Path> files = Files.list(out)) {
      List<String> pngs =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
      assertTrue(pngs.stream().anyMatch(n -> n.startsWith("popularity-")), pngs.toString());
      assertTrue(pngs.stream().anyMatch(n -> n.startsWith("curves-")), pngs.toString());
    }
    assertTrue(Files.exists(out.resolve("report.html")));
    String provenance = Files.readString(out.resolve(ExperimentPipeline.PROVENANCE_FILE));
    assertTrue(provenance.contains("\"coldFraction\" : 0.1"), provenance);
    for (String stage :
        List.of("prepare", "scft", "embed", "pca", "plain", "variant", "evaluate")) {
      assertTrue(Files.isDirectory(tmp.resolve("work").resolve(stage)), stage);
    }
    assertColdModelsAlignWithColdSasrec(tmp.resolve("work"));
  }

  /**
   * Every cold-regime RAT model was aligned with a SASRec pre-trained on the same cold split, never
   * a warm one.
   */
  private static void assertColdModelsAlignWithColdSasrec(Path work) throws Exception {
    int checked = 0;
    try (Stream<Path> dirs = Files.list(work.resolve("variant"))) {
      for (Path dir : dirs.toList()) {
        JsonNode inputs = JSON.readTree(dir.resolve(StageCache.INPUTS).toFile());
        JsonNode cold = inputs.path("inputs").path("cold");
        List<String> plains = new java.util.ArrayList<>();
        inputs
            .path("upstream")
            .fieldNames()
            .forEachRemaining(
                k -> {
                  if (k.startsWith("plain/")) {
                    plains.add(k);
                  }
                });
        // The pre-trained SASRec, and for the fused model also the plain model of its backbone (its
        // warm start).
        assertTrue(plains.size() == 1 || plains.size() == 2, dir + ": " + plains);
        for (String plain : plains) {
          JsonNode model = JSON.readTree(work.resolve(plain).resolve(StageCache.INPUTS).toFile());
          assertEquals(
              cold, model.path("inputs").path("cold"), "same regime for " + dir + " and " + plain);
        }
        if (!cold.isMissingNode()) {
          checked++;
        }
      }
    }
    assertEquals(
        3 * 3 * 2,
        checked,
        "3 backbones x {LLMEmb, Fused, w/o align} x 2 seeds in the cold regime");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    assertTrue(
        usageError("--backbones", "sasrec,lstm").contains("--backbones: unknown backbone 'lstm'"));
    assertTrue(
        usageError("--ablations", "no-magic").contains("--ablations: unknown ablation 'no-magic'"));
    assertTrue(usageError("--seeds", "three").contains("--seeds"));
    assertTrue(usageError("--ranking", "sampled,partial").contains("--ranking"));
    assertTrue(usageError("--encoder", "gpt").contains("--encoder"));
    assertTrue(
        usageError("--variants", "none,magic").contains("--variants: unknown variant 'magic'"));
    assertTrue(usageError("--epochs", "0").contains("--epochs must be >= 1"));
  }

  /**
   * Runs {@code experiment} with one bad option; asserts the usage-error exit code and returns
   * stderr.
   */
  private String usageError(String option, String value) {
    StringWriter err = new StringWriter();
    CommandLine cli = LlmembCli.commandLine();
    cli.getSubcommands().get("experiment").setErr(new PrintWriter(err));
    int rc =
        cli.execute(
            "experiment",
            option,
            value,
            "--work",
            tmp.resolve("w").toString(),
            "--out",
            tmp.resolve("r").toString());
    assertEquals(2, rc, err.toString());
    return err.toString();
  }
}
