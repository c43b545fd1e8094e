package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.data.MlSubset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.pca.PcaFitter;
import io.llmemb.rat.RatFixtures;
import io.llmemb.text.EmbeddingArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prepare → train sasrec → rat gru4rec --bundle → serve, through the top-level command on the real
 * ml-subset fixture. The item embeddings are synthetic (a text encoder run would dominate the test
 * time); the command only sees an embedding artifact, so its wiring is what is tested here.
 */
class RatCommandTest {

  private static final int RAW_DIM = 24;

  @TempDir Path dir;

  @Test
  void ratTrainsEvaluatesAndReleasesAServableBundle() throws Exception {
    Path data = dir.resolve("data");
    Path sasrec = dir.resolve("sasrec");
    assertEquals(
        0,
        cli(
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
            "3"));
    assertEquals(
        0,
        cli(
            "train",
            "--data",
            data.toString(),
            "--out",
            sasrec.toString(),
            "--backbone",
            "sasrec",
            "--hidden",
            "16",
            "--max-len",
            "20",
            "--epochs",
            "2",
            "--threads",
            "1",
            "--ranking",
            "sampled",
            "--no-baselines"));
    List<String> ids = PreparedDatasetStore.load(data).catalog().itemIds();
    Path emb = embeddings(dir.resolve("emb"), ids);
    Path pca = dir.resolve("pca");
    EmbeddingArtifact a = EmbeddingArtifact.load(emb);
    PcaArtifact.save(
        pca, PcaFitter.fit(a.matrix(), ids.size(), RAW_DIM, 8), "test-encoder@1", "prompt-v1");

    Path out = dir.resolve("rat");
    Path bundle = dir.resolve("bundle");
    assertEquals(
        0,
        cli(
            "rat",
            "--data",
            data.toString(),
            "--embeddings",
            emb.toString(),
            "--pca",
            pca.toString(),
            "--srs",
            sasrec.toString(),
            "--backbone",
            "gru4rec",
            "--hidden",
            "16",
            "--max-len",
            "20",
            "--epochs",
            "2",
            "--threads",
            "1",
            "--ranking",
            "sampled,full",
            "--out",
            out.toString(),
            "--bundle",
            bundle.toString(),
            "--bundle-version",
            "test-1"));
    JsonNode results =
        new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/results");
    assertEquals(120, results.at("/gru4rec ~1 sampled/overall/cases").asInt());
    assertTrue(results.has("gru4rec / full") && results.has("popularity / sampled"));
    assertTrue(
        Files.exists(out.resolve(RatCommand.RUN_FILE)) && Files.exists(out.resolve("best.params")));

    try (ServingModel served = ServingModels.load(bundle)) {
      assertEquals("rat", served.variant());
      assertEquals("gru4rec", served.backbone());
      assertEquals("test-1", served.version());
      assertEquals(ids, served.itemIds());
      assertEquals("test-encoder@1", served.llmVersion().orElseThrow());
      assertEquals(16, served.adaptNewItem(a.row(1)).orElseThrow().length);
      assertEquals(16, served.encodeUser(new int[] {1, 2, 3}).length);
    }
  }

  @Test
  void embeddingsOfAnotherItemOrderAreRefused() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        cli(
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
            "3"));
    List<String> shuffled = new ArrayList<>(PreparedDatasetStore.load(data).catalog().itemIds());
    Collections.reverse(shuffled);
    Path emb = embeddings(dir.resolve("emb"), shuffled);
    assertNotEquals(
        0,
        cli(
            "rat",
            "--data",
            data.toString(),
            "--embeddings",
            emb.toString(),
            "--srs",
            dir.resolve("none").toString(),
            "--out",
            dir.resolve("rat").toString(),
            "--threads",
            "1"));
    assertTrue(Files.notExists(dir.resolve("rat").resolve("best.params")));
  }

  private static int cli(String... args) {
    return LlmembCli.commandLine().execute(args);
  }

  /**
   * Random raw text vectors of {@code ids} written as an `embed` artifact (other tests reuse it).
   */
  static Path embeddings(Path target, List<String> ids) throws Exception {
    float[] matrix = RatFixtures.rawEmbeddings(ids.size(), RAW_DIM, 7);
    EmbeddingArtifact.save(
        target,
        new EmbeddingArtifact.Manifest(
            EmbeddingArtifact.FORMAT_VERSION,
            "test-encoder@1",
            "prompt-v1",
            ids.size(),
            RAW_DIM,
            64,
            "float32",
            "",
            "",
            0,
            0,
            0,
            0,
            0,
            ""),
        ids,
        matrix);
    return target;
  }
}
