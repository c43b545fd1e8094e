package io.llmemb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code bench/python/sasrec_epoch.py} and reads its {@code SECONDS_PER_EPOCH} line. */
final class PythonBaseline {

  private static final Logger LOG = LoggerFactory.getLogger(PythonBaseline.class);
  private static final String SCRIPT = "bench/python/sasrec_epoch.py";

  /**
   * Interpreter, overridable with {@code -Dbench.python=/usr/bin/python3} (Debian's python3-torch
   * lives there).
   */
  private static final String PYTHON = System.getProperty("bench.python", "python3");

  private static final String RESULT_PREFIX = "SECONDS_PER_EPOCH ";

  private PythonBaseline() {}

  static Optional<Double> epochSeconds(
      Path trainFile, int numItems, int maxLen, int threads, int epochs)
      throws IOException, InterruptedException {
    if (!torchAvailable()) {
      LOG.warn(
          "python3 cannot import torch: no PyTorch comparison (apt-get install -y python3-torch)");
      return Optional.empty();
    }
    Process p =
        new ProcessBuilder(
                List.of(
                    PYTHON,
                    SCRIPT,
                    "--data",
                    trainFile.toString(),
                    "--num-items",
                    Integer.toString(numItems),
                    "--max-len",
                    Integer.toString(maxLen),
                    "--threads",
                    Integer.toString(threads),
                    "--epochs",
                    Integer.toString(epochs)))
            .redirectErrorStream(true)
            .start();
    Double seconds = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(RESULT_PREFIX)) {
          seconds = Double.parseDouble(line.substring(RESULT_PREFIX.length()).trim());
        } else {
          LOG.info("python: {}", line);
        }
      }
    }
    if (p.waitFor() != 0 || seconds == null) {
      LOG.warn("{} failed with exit code {}", SCRIPT, p.exitValue());
      return Optional.empty();
    }
    return Optional.of(seconds);
  }

  private static boolean torchAvailable() throws InterruptedException {
    try {
      return new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
