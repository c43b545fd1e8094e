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

  @TempDir Path dir;

  @Test
  void trainThenEvaluateReloadsTheBestWeights() throws Exception {
    Path data = CliRuns.prepare(dir.resolve("data"));
    Path model = dir.resolve("model");
    CliRuns.trainSmallSasRec(data, model, 2, "--item-init-std", "0.05");
    assertTrue(
        Files.exists(model.resolve("best.params")) && Files.exists(model.resolve("results.md")));
    Path eval = dir.resolve("eval");
    CliRuns.evaluateSampled(data, model, eval);
    JsonNode trained = CliRuns.sasRecSampled(model);
    JsonNode evaluated = CliRuns.sasRecSampled(eval);
    assertEquals(120, evaluated.at("/overall/cases").asInt());
    assertEquals(
        trained.at("/overall/ndcg").asDouble(),
        evaluated.at("/overall/ndcg").asDouble(),
        1e-6,
        "evaluate on the saved model must reproduce train's test numbers");
    int tail = evaluated.at("/tailItems/cases").asInt();
    assertEquals(120, tail + evaluated.at("/headItems/cases").asInt());
  }

  @Test
  void trainOnADirectoryThatIsNotAPreparedDatasetSaysWhatToDo() throws Exception {
    Path notPrepared = Files.createDirectories(dir.resolve("raw"));
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = LlmembCli.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    int rc =
        cli.execute(
            "train", "--data", notPrepared.toString(), "--out", dir.resolve("m").toString());
    assertTrue(rc != 0);
    String message = err.toString();
    assertTrue(
        message.contains("not a prepared dataset") && message.contains("llmemb prepare"), message);
  }

  @Test
  void everyEncoderCommandAcceptsTheSameEncoderNames() {
    assertEquals(
        io.llmemb.llm.bert.EncoderSpec.BGE_SMALL, io.llmemb.llm.bert.EncoderSpec.byKey("bge"));
    assertEquals(
        io.llmemb.llm.bert.EncoderSpec.BGE_SMALL,
        io.llmemb.experiment.ExperimentConfig.parseEncoder("bge-small"));
    IllegalArgumentException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> io.llmemb.llm.bert.EncoderSpec.byKey("gpt"));
    assertTrue(
        unknown.getMessage().contains("bge-small") && unknown.getMessage().contains("llama"),
        unknown.getMessage());
  }

  @Test
  void trainHelpDescribesEveryOptionWithItsDefault() {
    String help = LlmembCli.commandLine().getSubcommands().get("train").getUsageMessage();
    for (String option :
        new String[] {"--hidden", "--dropout", "--max-len", "--lr", "--epochs", "--patience"}) {
      // The option list, not the synopsis: its lines start with the option itself.
      String line =
          help.lines().dropWhile(l -> !l.trim().startsWith(option + "=")).findFirst().orElse("");
      String described =
          help.substring(help.indexOf(line)).lines().limit(3).reduce("", String::concat);
      assertTrue(described.contains("default:"), option + " has no default in: " + described);
    }
  }
}
