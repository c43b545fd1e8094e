package io.llmemb.cli;

import io.llmemb.engine.EngineConfig;
import picocli.CommandLine.Option;

/** Engine options shared by the commands that run DJL (picocli mixin). */
public final class EngineOptions {

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description =
          "cpu | gpu | gpu:N | auto (default: ${DEFAULT-VALUE}); gpu fails clearly without CUDA.")
  String device;

  @Option(
      names = "--threads",
      description = "PyTorch intra- and inter-op threads (default: min(cores, 2)).")
  Integer threads;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The seed of everything random ({@code --seed}). */
  public long seed() {
    return seed;
  }

  /** The engine configuration these options describe. */
  public EngineConfig config() {
    int t = threads != null ? threads : EngineConfig.defaultThreads();
    return new EngineConfig(device, t, t, seed);
  }
}
