package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.data.MlSubset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the CLI steps the command-line tests share, on the real ml-subset fixture. */
final class CliRuns {

  private CliRuns() {
  }

  /** {@code prepare} of the fixture with cores 3/3 into {@code out}; asserts success. */
  static Path prepare(Path out) {
    assertEquals(0, LlmembCli.commandLine().execute("prepare", "--format", "movielens", "--input",
        MlSubset.dir().toString(), "--out", out.toString(), "--user-core", "3", "--item-core", "3"));
    return out;
  }

  /** A tiny, fast SASRec {@code train} (H 16, length 20, 1 thread, sampled ranking) plus {@code extra}. */
  static void trainSmallSasRec(Path data, Path out, int epochs, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
        "--backbone", "sasrec", "--hidden", "16", "--max-len", "20", "--epochs", "" + epochs, "--threads", "1",
        "--ranking", "sampled"));
    args.addAll(List.of(extra));
    assertEquals(0, LlmembCli.commandLine().execute(args.toArray(String[]::new)));
  }
}
