package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.MlSubset;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.pca.PcaModel;
import io.llmemb.text.EmbeddingArtifact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * prepare → scft → embed → pca through the top-level {@code llmemb} command on the real ml-subset
 * fixture (items with 12+ ratings, to keep it quick), and the errors a user sees for a missing or
 * broken {@code --data} and for {@code --device gpu} without CUDA.
 */
class EmbeddingCommandsTest {

  private static final String[] SMALL_MODEL = {"--max-tokens", "32", "--threads", "1"};

  @TempDir static Path dir;
  private static Path data;

  /** Exit code and stderr of one command line. */
  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = LlmembCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  /**
   * {@code args} followed by the small-model options (they belong to the subcommand, so they go
   * last).
   */
  private static String[] small(String... args) {
    String[] out = Arrays.copyOf(args, args.length + SMALL_MODEL.length);
    System.arraycopy(SMALL_MODEL, 0, out, args.length, SMALL_MODEL.length);
    return out;
  }

  @BeforeAll
  static void prepare() {
    data = dir.resolve("prepared");
    Run r =
        run(
            "prepare",
            "--format",
            "movielens",
            "--input",
            MlSubset.dir().toString(),
            "--out",
            data.toString(),
            "--user-core",
            "3",
            "--item-core",
            "12");
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void scftThenEmbedThenPcaWriteArtifactsOnTheDatasetsItemIds() throws Exception {
    PreparedDataset ds = PreparedDatasetStore.load(data);
    int n = ds.catalog().numItems();
    Path lora = dir.resolve("lora");
    Run scft =
        run(
            small(
                "scft",
                "--data",
                data.toString(),
                "--out",
                lora.toString(),
                "--steps",
                "3",
                "--batch",
                "8",
                "--held-out",
                "0.1",
                "--eval-group",
                "16",
                "--checkpoint-every",
                "0"));
    assertEquals(0, scft.exit(), scft.err());
    assertTrue(Files.exists(lora.resolve(LoraCheckpoint.TENSORS)));
    JsonNode report = new ObjectMapper().readTree(lora.resolve("scft-report.json").toFile());
    assertEquals(Math.round(n * 0.1), report.get("heldOutItems").asLong());
    assertEquals(n - report.get("heldOutItems").asInt(), report.get("trainItems").asInt());
    assertEquals(3, report.at("/result/steps").asInt());
    assertTrue(
        report.at("/before/accuracy").isNumber() && report.at("/after/gap").isNumber(),
        report.toString());

    Path emb = dir.resolve("emb");
    Run embed =
        run(
            small(
                "embed",
                "--data",
                data.toString(),
                "--lora",
                lora.toString(),
                "--out",
                emb.toString(),
                "--batch",
                "32"));
    assertEquals(0, embed.exit(), embed.err());
    EmbeddingArtifact a = EmbeddingArtifact.load(emb);
    assertEquals(n, a.manifest().numItems(), "one row per internal item id 1..N");
    assertEquals(
        ds.catalog().rawItemIds().subList(1, n + 1), a.rawItemIds(), "row r = internal id r + 1");
    assertTrue(a.manifest().promptVersion().startsWith("movielens-"), a.manifest().promptVersion());
    assertTrue(
        a.manifest().itemSource().startsWith("prepared:prepared items.jsonl sha256="),
        a.manifest().itemSource());
    assertTrue(
        a.manifest().modelId().contains("+lora:"),
        "the SCFT adapters were merged: " + a.manifest().modelId());

    Path pca = dir.resolve("pca");
    Run fit =
        run("pca", "--embeddings", emb.toString(), "--components", "8", "--out", pca.toString());
    assertEquals(0, fit.exit(), fit.err());
    PcaModel model = PcaArtifact.load(pca);
    assertEquals(8, model.outputDimension());
    EmbeddingArtifact table = EmbeddingArtifact.load(pca.resolve("table"));
    assertEquals(n, table.manifest().numItems());
    assertEquals(8, table.manifest().dimension());
    assertEquals(a.rawItemIds(), table.rawItemIds());
    assertEquals(a.manifest().itemSource(), table.manifest().itemSource());
  }

  @Test
  void missingDataDirectoryIsAUsageErrorNamingThePath() {
    Path nowhere = dir.resolve("no-such-dataset");
    Run r = run(small("embed", "--data", nowhere.toString(), "--out", dir.resolve("x").toString()));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--data " + nowhere + ": no such directory"), r.err());
  }

  @Test
  void directoryThatIsNotAPreparedDatasetIsAUsageErrorNamingThePath() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("not-prepared"));
    Run r = run(small("scft", "--data", empty.toString(), "--out", dir.resolve("y").toString()));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(empty + ": not a prepared dataset directory"), r.err());
    Run none = run("embed", "--out", dir.resolve("z").toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("--data"), none.err());
  }

  @Test
  void modifiedDatasetFileFailsNamingTheFile() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("tampered"));
    for (String f :
        List.of(
            PreparedDatasetStore.MANIFEST,
            PreparedDatasetStore.ITEMS,
            PreparedDatasetStore.SEQUENCES)) {
      Files.copy(data.resolve(f), copy.resolve(f));
    }
    Files.writeString(
        copy.resolve(PreparedDatasetStore.ITEMS), "{}\n", java.nio.file.StandardOpenOption.APPEND);
    Run r = run(small("embed", "--data", copy.toString(), "--out", dir.resolve("w").toString()));
    assertEquals(FailureReporter.EXIT_FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains(copy.resolve(PreparedDatasetStore.ITEMS).toString()), r.err());
    assertTrue(r.err().startsWith("llmemb embed: "), r.err());
  }

  @Test
  void gpuWithoutCudaIsAClearError() {
    assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
    Run r =
        run(
            "embed",
            "--data",
            data.toString(),
            "--out",
            dir.resolve("gpu").toString(),
            "--device",
            "gpu");
    assertEquals(FailureReporter.EXIT_FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains("--device gpu requested but PyTorch sees no CUDA GPU"), r.err());
    Run bench = run("embed-bench", "--items", "4", "--device", "gpu:1");
    assertEquals(FailureReporter.EXIT_FAILURE, bench.exit(), bench.err());
    assertTrue(bench.err().contains("--device gpu:1"), bench.err());
    Run typo = run("embed-bench", "--items", "4", "--device", "cuda");
    assertTrue(typo.exit() != 0 && typo.err().contains("cpu, gpu, gpu:N or auto"), typo.err());
  }
}
