package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.data.ColdItems;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cold-fraction} through train and evaluate on the real ml-subset fixture. */
class ColdItemCliTest {

  @TempDir Path dir;

  @Test
  void trainRecordsTheSelectionAndEvaluateReusesIt() throws Exception {
    Path data = CliRuns.prepare(dir.resolve("data"));
    Path model = dir.resolve("model");
    // A bare flag means the default fraction.
    CliRuns.trainSmallSasRec(data, model, 1, "--no-baselines", "--cold-fraction");
    ColdItems stored = ColdItems.readFrom(model);
    assertEquals(ColdItems.DEFAULT_FRACTION, stored.fraction());
    assertEquals(ColdItems.select(1819, ColdItems.DEFAULT_FRACTION, 42), stored);

    Path eval = dir.resolve("eval");
    CliRuns.evaluateSampled(data, model, eval);
    JsonNode trained = CliRuns.sasRecSampled(model);
    JsonNode evaluated = CliRuns.sasRecSampled(eval);
    int coldCases = evaluated.at("/coldItems/cases").asInt();
    assertTrue(coldCases > 0, "cold cases " + coldCases);
    assertEquals(trained.at("/coldItems/cases").asInt(), coldCases);
    assertEquals(
        trained.at("/overall/ndcg").asDouble(), evaluated.at("/overall/ndcg").asDouble(), 1e-6);

    // Another selection than the model's own is refused (non-zero exit), as is the protocol on a
    // plain model.
    assertNotEquals(
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
                "--cold-fraction",
                "0.2",
                "--threads",
                "1"));
  }
}
