package io.llmemb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code llmemb} command line. Each stage is a standalone picocli {@code @Command}; adding a
 * stage is one entry in {@code subcommands} below.
 */
@Command(
    name = "llmemb",
    mixinStandardHelpOptions = true,
    version = "llmemb 0.1.0",
    description =
        "LLMEmb sequential recommendation: fetch, prepare, train, evaluate; scft, embed, pca, "
            + "embed-bench for the item embeddings; rat, fuse, experiment for the method and its comparison.",
    subcommands = {
      FetchCommand.class,
      PrepareCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ScftCommand.class,
      EmbedCommand.class,
      PcaCommand.class,
      EmbedBenchCommand.class,
      io.llmemb.cli.RatCommand.class,
      io.llmemb.cli.FuseCommand.class,
      ExposureCommand.class,
      ExperimentCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class LlmembCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show usage rather than doing nothing silently.
    spec.commandLine().usage(System.out);
  }

  /**
   * The configured command line: enum values such as {@code sampled} accepted in any case, and
   * failures of a command reported as one line naming the command and the cause (see {@link
   * FailureReporter}).
   */
  public static CommandLine commandLine() {
    return new CommandLine(new LlmembCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureReporter());
  }

  /** Entry point; exits with the subcommand's status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
