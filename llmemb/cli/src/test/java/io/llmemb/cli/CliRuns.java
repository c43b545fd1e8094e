package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.MlSubset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the CLI steps the command-line tests share, on the real ml-subset fixture. */
final class CliRuns {

  private CliRuns() {}

  /** {@code prepare} of the fixture with cores 3/3 into {@code out}; asserts success. */
  static Path prepare(Path out) {
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
                out.toString(),
                "--user-core",
                "3",
                "--item-core",
                "3"));
    return out;
  }

  /**
   * A tiny, fast SASRec {@code train} (H 16, length 20, 1 thread, sampled ranking) plus {@code
   * extra}.
   */
  static void trainSmallSasRec(Path data, Path out, int epochs, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--backbone",
                "sasrec",
                "--hidden",
                "16",
                "--max-len",
                "20",
                "--epochs",
                "" + epochs,
                "--threads",
                "1",
                "--ranking",
                "sampled"));
    args.addAll(List.of(extra));
    assertEquals(0, LlmembCli.commandLine().execute(args.toArray(String[]::new)));
  }

  /**
   * {@code evaluate} of {@code model} under the sampled protocol (1 thread) into {@code out};
   * asserts success.
   */
  static void evaluateSampled(Path data, Path model, Path out) {
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
                out.toString(),
                "--ranking",
                "sampled",
                "--threads",
                "1"));
  }

  /**
   * The SASRec sampled-protocol result in the {@code results.json} of a train or evaluate output
   * directory.
   */
  static JsonNode sasRecSampled(Path runDir) throws IOException {
    return new ObjectMapper()
        .readTree(runDir.resolve("results.json").toFile())
        .at("/results/sasrec ~1 sampled");
  }
}
