package io.llmemb.devstack.cli;

import io.llmemb.devstack.DevStackOptions;
import io.llmemb.devstack.StackState;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where {@code produce} / {@code consume} connect: explicit options win, else the running stack of
 * the data dir, else the stack's default ports.
 */
final class ClientOptions {

  @Option(
      names = "--data-dir",
      defaultValue = DevStackOptions.DEFAULT_DATA_DIR,
      description =
          "Data dir of a running stack whose addresses to use (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka bootstrap servers (default: the running stack's).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      description = "Schema registry URL (default: the running stack's).")
  String schemaRegistryUrl;

  String bootstrap() {
    return bootstrapServers != null
        ? bootstrapServers
        : running()
            .map(StackState::bootstrapServers)
            .orElse("localhost:" + DevStackOptions.DEFAULT_BROKER_PORT);
  }

  String registry() {
    return schemaRegistryUrl != null
        ? schemaRegistryUrl
        : running()
            .map(StackState::schemaRegistryUrl)
            .orElse("http://localhost:" + DevStackOptions.DEFAULT_REGISTRY_PORT);
  }

  private Optional<StackState> running() {
    return StackState.read(dataDir.toAbsolutePath());
  }
}
