package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare → train → evaluate through the top-level command on the real ml-subset fixture. */
class LlmembCliTest {

  @TempDir
  Path dir;

  @Test
  void trainThenEvaluateReloadsTheBestWeights() throws Exception {
    Path data = CliRuns.prepare(dir.resolve("data"));
    Path model = dir.resolve("model");
    CliRuns.trainSmallSasRec(data, model, 2, "--item-init-std", "0.05");
    assertTrue(Files.exists(model.resolve("best.params")) && Files.exists(model.resolve("results.md")));
    Path eval = dir.resolve("eval");
    CliRuns.evaluateSampled(data, model, eval);
    JsonNode trained = CliRuns.sasRecSampled(model);
    JsonNode evaluated = CliRuns.sasRecSampled(eval);
    assertEquals(120, evaluated.at("/overall/cases").asInt());
    assertEquals(trained.at("/overall/ndcg").asDouble(), evaluated.at("/overall/ndcg").asDouble(), 1e-6,
        "evaluate on the saved model must reproduce train's test numbers");
    int tail = evaluated.at("/tailItems/cases").asInt();
    assertEquals(120, tail + evaluated.at("/headItems/cases").asInt());
  }
}
