package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.store.PreparedDatasetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exposure} on a tiny SASRec of the ml-subset fixture, trained under the cold protocol. */
class ExposureCommandTest {

  @TempDir Path dir;

  /** {@code exposure --data data --model model --out out} and {@code options}; the exit code. */
  private static int exposure(Path data, Path model, Path out, String... options) {
    String[] base = {
      "exposure", "--data", data.toString(), "--model", model.toString(), "--out", out.toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + options.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    return LlmembCli.commandLine().execute(args);
  }

  @Test
  void plainPolicyMatchesEvaluateAndSlotsOnlyEverAddColdHits() throws Exception {
    Path data = CliRuns.prepare(dir.resolve("data"));
    Path model = dir.resolve("model");
    Path bundle = dir.resolve("bundle");
    CliRuns.trainSmallSasRec(
        data, model, 2, "--no-baselines", "--cold-fraction", "0.2", "--bundle", bundle.toString());
    Path eval = dir.resolve("eval");
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                "evaluate",
                "--data",
                data.toString(),
                "--model",
                model.toString(),
                "--out",
                eval.toString(),
                "--ranking",
                "full,sampled",
                "--threads",
                "1"));
    Path out = dir.resolve("exposure");
    assertEquals(
        0,
        exposure(
            data,
            model,
            out,
            "--slots",
            "0,1,2,3",
            "--bonus",
            "0,1",
            "--ranking",
            "full,sampled",
            "--threads",
            "1"));
    ObjectMapper json = new ObjectMapper();
    JsonNode points = json.readTree(out.resolve("exposure.json").toFile()).get("points");
    assertEquals(16, points.size());
    JsonNode evaluated = json.readTree(eval.resolve("results.json").toFile()).get("results");
    // Point 0 is full ranking without a policy, point 8 sampled without one: what evaluate gives.
    for (String[] pair : new String[][] {{"0", "sasrec / full"}, {"8", "sasrec / sampled"}}) {
      JsonNode plain = points.get(Integer.parseInt(pair[0])).get("result");
      JsonNode expected = evaluated.get(pair[1]);
      for (String group : new String[] {"overall", "tailItems", "coldItems"}) {
        assertEquals(
            expected.at("/" + group + "/hr").asDouble(), plain.at("/" + group + "/hr").asDouble());
        assertEquals(
            expected.at("/" + group + "/ndcg").asDouble(),
            plain.at("/" + group + "/ndcg").asDouble());
      }
    }
    assertTrue(points.get(0).at("/result/coldItems/cases").asInt() > 0);
    // More slots never lose a cold hit: a young item in the list stays there.
    for (int base : new int[] {0, 4, 8, 12}) {
      for (int s = 1; s < 4; s++) {
        assertTrue(
            points.get(base + s).at("/result/coldItems/hr").asDouble()
                >= points.get(base + s - 1).at("/result/coldItems/hr").asDouble(),
            "point " + (base + s));
      }
    }
    assertTrue(Files.exists(out.resolve("exposure-full.png")));
    assertTrue(Files.readString(out.resolve("exposure.md")).contains("| full | slots 1 |"));

    // The bundle is scored as serving scores it: the same plain-ranking metrics.
    Path viaBundle = dir.resolve("exposure-bundle");
    assertEquals(
        0,
        LlmembCli.commandLine()
            .execute(
                "exposure",
                "--data",
                data.toString(),
                "--model",
                model.toString(),
                "--bundle",
                bundle.toString(),
                "--out",
                viaBundle.toString(),
                "--slots",
                "0",
                "--ranking",
                "full",
                "--threads",
                "1"));
    JsonNode served =
        json.readTree(viaBundle.resolve("exposure.json").toFile()).at("/points/0/result/overall");
    assertEquals(points.at("/0/result/overall/cases").asInt(), served.get("cases").asInt());
    assertEquals(points.at("/0/result/overall/hr").asDouble(), served.get("hr").asDouble(), 0.01);

    // Young items for the slots by content: one more policy per slot value above 0, the plain
    // ranking unchanged; the content order without text vectors is refused.
    Path text =
        RatCommandTest.embeddings(
            dir.resolve("text"), PreparedDatasetStore.load(data).catalog().itemIds());
    Path byContent = dir.resolve("exposure-content");
    assertEquals(
        0,
        exposure(
            data,
            model,
            byContent,
            "--slots",
            "0,1,2",
            "--young-order",
            "score,content",
            "--text",
            text.toString(),
            "--ranking",
            "full",
            "--threads",
            "1"));
    JsonNode content = json.readTree(byContent.resolve("exposure.json").toFile()).get("points");
    assertEquals(5, content.size());
    assertEquals(
        points.at("/0/result/overall/hr").asDouble(),
        content.at("/0/result/overall/hr").asDouble());
    assertEquals("CONTENT", content.at("/4/policy/youngOrder").asText());
    assertTrue(
        content.at("/4/result/coldItems/hr").asDouble()
            >= content.at("/3/result/coldItems/hr").asDouble());
    assertTrue(Files.readString(byContent.resolve("exposure.md")).contains("slots 2 by content"));
    assertTrue(Files.readString(byContent.resolve("young-items.txt")).contains("by content"));
    assertNotEquals(0, exposure(data, model, byContent, "--young-order", "content"));

    // Neither a model nor a bundle: refused.
    assertNotEquals(
        0,
        LlmembCli.commandLine()
            .execute("exposure", "--data", data.toString(), "--out", viaBundle.toString()));
  }
}
