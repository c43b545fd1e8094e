package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Option parsing of {@code train} that has bitten before: the default-true baseline flag and the
 * objective.
 */
class TrainCommandOptionsTest {

  private static TrainCommand parse(String... extra) {
    TrainCommand cmd = new TrainCommand();
    String[] args = new String[extra.length + 4];
    args[0] = "--data";
    args[1] = "d";
    args[2] = "--out";
    args[3] = "o";
    System.arraycopy(extra, 0, args, 4, extra.length);
    new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return cmd;
  }

  @Test
  void baselinesAreOnByDefaultAndOffWithNoBaselines() {
    assertFalse(parse().run.training.noBaselines);
    assertTrue(parse("--no-baselines").run.training.noBaselines);
  }

  @Test
  void objectiveAndItemInitDefaultToTheBackbones() {
    TrainCommand cmd = parse("--backbone", "gru4rec");
    assertNull(cmd.run.model.objective);
    assertNull(cmd.itemInitStd);
    assertEquals("last", parse("--objective", "last").run.model.objective);
  }
}
