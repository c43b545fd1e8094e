package io.llmemb.devstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code devstack}: starts, stops and inspects the local Kafka broker + schema registry, and produces / consumes
 * Avro records in the Confluent wire format.
 */
@Command(name = "devstack", mixinStandardHelpOptions = true,
    description = "Local KRaft Kafka broker + Confluent-API schema registry for LLMEmb on Kafka.",
    subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class})
public final class DevStackMain implements Runnable {

  /** Logback configuration of the CLI (a library jar must not ship a logback.xml). */
  static final String LOGBACK_CONFIG = "devstack-cli-logback.xml";

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Entry point; exits with the command's status. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    CommandLine cli = new CommandLine(new DevStackMain());
    // Start-up failures carry their own explanation (port in use, broker log tail): show it, not a stack trace.
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("devstack " + String.join(" ", args) + ": " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
