package io.llmemb.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs an external command in a directory and returns its exit code and combined output. */
public interface CommandRunner {

  /** Result of one command. */
  record Result(int exitCode, String output) {}

  /** Runs {@code command} in {@code dir}. */
  Result run(Path dir, List<String> command) throws IOException, InterruptedException;

  /** The real runner, via {@link ProcessBuilder}. */
  static CommandRunner system() {
    return (dir, command) -> {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      try (InputStream out = p.getInputStream()) {
        String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), text);
      }
    };
  }
}
