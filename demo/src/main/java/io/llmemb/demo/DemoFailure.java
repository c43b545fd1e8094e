package io.llmemb.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A failure the demo explains in one paragraph on the console instead of a stack trace: what it
 * waited for and for how long, what usually causes that, the last line of the most telling log and
 * where every log is.
 */
final class DemoFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Longest log line quoted in a message. */
  static final int MAX_QUOTED = 300;

  DemoFailure(String message) {
    super(message);
  }

  DemoFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The paragraph for a wait that ended without what it waited for.
   *
   * @param what what was waited for, e.g. "the trainer's first release of llmemb-demo on
   *     models.releases"
   * @param waited how long
   * @param cause why the wait ended (a timeout, or the error that ended it), or null
   * @param hint what usually causes it and what to do, or null
   * @param quoted log whose last line is quoted (the trainer's for a release), or null
   * @param logs every log of the run, by name
   */
  static String waitedFor(
      String what,
      Duration waited,
      String cause,
      String hint,
      Path quoted,
      Map<String, Path> logs) {
    StringBuilder s =
        new StringBuilder("gave up waiting for ")
            .append(what)
            .append(" after ")
            .append(human(waited));
    if (cause != null && !cause.isBlank()) {
      s.append(" (").append(oneLine(cause)).append(')');
    }
    s.append('.');
    if (hint != null && !hint.isBlank()) {
      s.append(' ').append(oneLine(hint));
      if (!hint.endsWith(".")) {
        s.append('.');
      }
    }
    if (quoted != null) {
      s.append(
          lastLine(quoted)
              .map(l -> " Last line of " + quoted.getFileName() + ": \"" + l + "\".")
              .orElse(""));
    }
    s.append(' ').append(logList(logs));
    return s.toString();
  }

  /** {@code Logs: trainer <path>, serving <path>.}, or a note that there are none yet. */
  static String logList(Map<String, Path> logs) {
    if (logs.isEmpty()) {
      return "No log was written yet.";
    }
    return logs.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ", "Logs: ", "."));
  }

  /** {@code 20 min}, {@code 2 min 30 s}, {@code 45 s}, {@code 350 ms}. */
  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    long minutes = d.toMinutes();
    long seconds = d.toSecondsPart();
    if (minutes == 0) {
      return d.toSeconds() + " s";
    }
    return minutes + " min" + (seconds == 0 ? "" : " " + seconds + " s");
  }

  /**
   * The last non-blank line of {@code file} (read from its last 16 KiB), shortened to {@link
   * #MAX_QUOTED}.
   */
  static Optional<String> lastLine(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      int n = (int) Math.min(length, 16 * 1024);
      byte[] tail = new byte[n];
      f.seek(length - n);
      f.readFully(tail);
      String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank()) {
          String line = lines[i].strip();
          return Optional.of(
              line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "...");
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
