package io.llmemb.devstack.cli;

import io.llmemb.devstack.DevStackOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command shares. */
final class DataDirOption {

  @Option(
      names = "--data-dir",
      defaultValue = DevStackOptions.DEFAULT_DATA_DIR,
      description =
          "Directory of broker data, logs, lock and state file (default: ${DEFAULT-VALUE}).")
  Path dataDir;
}
