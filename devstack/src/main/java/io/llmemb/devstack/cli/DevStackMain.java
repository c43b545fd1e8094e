package io.llmemb.devstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code devstack}: starts, stops and inspects the local Kafka broker + schema registry, and
 * produces / consumes Avro records in the Confluent wire format.
 */
@Command(
    name = "devstack",
    mixinStandardHelpOptions = true,
    description = "Local KRaft Kafka broker + Confluent-API schema registry for LLMEmb on Kafka.",
    subcommands = {
      StartCommand.class,
      StopCommand.class,
      StatusCommand.class,
      ProduceCommand.class,
      ConsumeCommand.class
    })
public final class DevStackMain implements Runnable {

  /** Logback configuration of the CLI (a library jar must not ship a logback.xml). */
  static final String LOGBACK_CONFIG = "devstack-cli-logback.xml";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Entry point; exits with the command's status. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The CLI with its error handling; start-up failures carry their own explanation, so no stack
   * trace.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DevStackMain());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("devstack " + cmd.getCommandName() + ": " + e.getMessage());
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
