package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.data.ColdItems;
import io.llmemb.data.MlSubset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.text.EmbeddingArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prepare → train SASRec (cold protocol) → fuse on the real ml-subset fixture with stand-in item
 * embeddings.
 */
class FuseCommandTest {

  @TempDir Path dir;

  @Test
  void fuseTrainsOverTheColdSplitAndReportsTheColdGroup() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
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
    List<String> raw = PreparedDatasetStore.load(data).catalog().rawItemIds();
    int n = raw.size() - 1;
    int d = 12;
    float[] matrix = new float[n * d];
    Random rng = new Random(1);
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) rng.nextGaussian();
    }
    Path emb = dir.resolve("emb");
    EmbeddingArtifact.save(
        emb,
        new EmbeddingArtifact.Manifest(
            1, "stand-in@1", "prompt-v1", n, d, 64, "float32", "-", "-", 0, 0, 0, 0, 0, ""),
        raw.subList(1, n + 1),
        matrix);
    Path sasrec = dir.resolve("sasrec");
    String[] common = {
      "--threads",
      "1",
      "--ranking",
      "sampled",
      "--epochs",
      "1",
      "--cold-fraction",
      "0.2",
      "--hidden",
      "16",
      "--max-len",
      "20",
      "--no-baselines"
    };
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                concat(
                    new String[] {"train", "--data", data.toString(), "--out", sasrec.toString()},
                    common)));
    Path fused = dir.resolve("fused");
    Path bundle = dir.resolve("bundle");
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                concat(
                    new String[] {
                      "fuse",
                      "--data",
                      data.toString(),
                      "--embeddings",
                      emb.toString(),
                      "--srs",
                      sasrec.toString(),
                      "--out",
                      fused.toString(),
                      "--pca-dim",
                      "8",
                      "--adapter-widths",
                      "16",
                      "--adapter-activation",
                      "gelu",
                      "--bundle",
                      bundle.toString()
                    },
                    common)));
    JsonNode r =
        new ObjectMapper()
            .readTree(fused.resolve("results.json").toFile())
            .at("/results/sasrec ~1 sampled");
    assertEquals(120, r.at("/overall/cases").asInt());
    assertTrue(r.at("/coldItems/cases").asInt() > 0);
    assertEquals(ColdItems.readFrom(sasrec), ColdItems.readFrom(fused));
    try (ServingModel served = ServingModels.load(bundle)) {
      assertEquals(FusedItemEmbeddings.VARIANT, served.variant());
      assertEquals("stand-in@1", served.llmVersion().orElseThrow().split("/")[0]);
      assertTrue(served.adaptNewItem(new float[d]).isPresent());
    }
    assertEquals(
        0,
        ItemCounts.read(fused.resolve(ItemCounts.FILE))
            .count(ColdItems.readFrom(fused).items()[0]));
    // Warm-started from the same SASRec (its weights, its table as the ID view): trains and reports
    // like the others.
    Path warm = dir.resolve("fused-warm");
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                concat(
                    new String[] {
                      "fuse",
                      "--data",
                      data.toString(),
                      "--embeddings",
                      emb.toString(),
                      "--srs",
                      sasrec.toString(),
                      "--warm-start",
                      sasrec.toString(),
                      "--out",
                      warm.toString(),
                      "--pca-dim",
                      "8",
                      "--gate-bias",
                      "3"
                    },
                    common)));
    assertEquals(
        120,
        new ObjectMapper()
            .readTree(warm.resolve("results.json").toFile())
            .at("/results/sasrec ~1 sampled/overall/cases")
            .asInt());
    // A SASRec trained on another cold selection is refused (it saw this run's cold items).
    assertNotEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                concat(
                    new String[] {
                      "fuse",
                      "--data",
                      data.toString(),
                      "--embeddings",
                      emb.toString(),
                      "--srs",
                      sasrec.toString(),
                      "--out",
                      dir.resolve("x").toString()
                    },
                    new String[] {
                      "--threads", "1", "--epochs", "1", "--cold-fraction", "0.3", "--hidden", "16"
                    })));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
