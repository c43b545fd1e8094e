package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.experiment.ExperimentConfig;
import io.llmemb.training.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code experiment}'s seeds, profiles and backbone options, parsed as the command line does. */
class ExperimentOptionsTest {

  private static ExperimentConfig parse(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "experiment";
    System.arraycopy(args, 0, line, 1, args.length);
    CommandLine.ParseResult parsed = LlmembCli.commandLine().parseArgs(line);
    return ((ExperimentCommand) parsed.subcommand().commandSpec().userObject()).config();
  }

  @Test
  void seedsAreAListAndOneNumberIsOneSeed() {
    assertEquals(List.of(42L), parse("--seeds", "42").seeds());
    assertEquals(List.of(43L), parse("--seeds", "43").seeds());
    assertEquals(List.of(42L, 43L, 44L), parse("--seeds", "42,43,44").seeds());
    assertEquals(List.of(42L, 43L, 44L), parse().seeds());
    assertEquals(List.of(42L, 43L), parse("--seed-count", "2").seeds());
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class, () -> parse("--seeds", "42", "--seed-count", "2"));
    assertEquals(true, both.getMessage().contains("--seed-count"));
  }

  @Test
  void profilesAndSingleBackboneOptions() {
    ExperimentConfig official = parse("--profile", "official");
    assertEquals(128, official.profile().backbone().hidden());
    assertEquals(200, official.profile().backbone().maxLen());
    assertEquals(0.5f, official.profile().backbone().dropout());
    assertEquals(
        official.profile().backbone(),
        parse("--profile", "paper").profile().backbone(),
        "paper is the official profile's other name");
    ExperimentConfig custom =
        parse(
            "--hidden",
            "32",
            "--dropout",
            "0.3",
            "--lr",
            "5e-4",
            "--batch-size",
            "64",
            "--min-epochs",
            "7");
    assertEquals(32, custom.profile().backbone().hidden());
    assertEquals(50, custom.profile().backbone().maxLen(), "untouched values keep the profile's");
    assertEquals(0.3f, custom.profile().backbone().dropout());
    assertEquals(5e-4, custom.profile().train(42).learningRate());
    assertEquals(64, custom.profile().train(42).batchSize());
    assertEquals(7, custom.profile().train(42).minEpochs());
    assertThrows(IllegalArgumentException.class, () -> parse("--profile", "huge"));
  }

  @Test
  void validationIsTheProfilesUnlessGiven() {
    assertEquals(Validation.SAMPLED, parse().profile().train(42).validation());
    assertEquals(
        Validation.SAMPLED_RESAMPLED,
        parse("--profile", "official").profile().train(42).validation(),
        "the official profile validates as the official code does");
    assertEquals(
        Validation.SAMPLED,
        parse("--profile", "official", "--validation", "sampled").profile().train(42).validation());
    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> parse("--validation", "ful"));
    assertEquals(true, typo.getMessage().contains("full, sampled, sampled-resampled"));
  }
}
