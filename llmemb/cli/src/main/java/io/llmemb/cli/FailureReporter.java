package io.llmemb.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command's failure as {@code llmemb <command>: <message>} with its causes, instead of a
 * bare stack trace, and exits with {@link #EXIT_FAILURE}. Bad input (a missing file, a corrupt
 * artifact, an unknown kind) already names the file or option in its message; the stack trace is
 * printed only with {@code LLMEMB_DEBUG=1}.
 */
final class FailureReporter implements IExecutionExceptionHandler {

  /** Exit status of a command that failed while running (usage errors exit with picocli's 2). */
  static final int EXIT_FAILURE = 1;

  private static final String DEBUG_ENV = "LLMEMB_DEBUG";

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    StringBuilder line =
        new StringBuilder(cmd.getCommandSpec().qualifiedName()).append(": ").append(describe(e));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !line.toString().contains(c.getMessage())) {
        line.append("\n  caused by: ").append(describe(c));
      }
    }
    err.println(cmd.getColorScheme().errorText(line.toString()));
    if ("1".equals(System.getenv(DEBUG_ENV))) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_FAILURE;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    if (t instanceof java.nio.file.NoSuchFileException nsf) {
      return (nsf.getReason() != null ? nsf.getReason() + ": " : "no such file: ") + nsf.getFile();
    }
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
