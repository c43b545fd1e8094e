package io.llmemb.llm;

import ai.djl.Device;
import java.util.Locale;

/**
 * Engine-wide DJL settings from configuration: PyTorch thread counts and the compute device.
 */
public final class DjlRuntime {

  /** Default thread count: the project's CI machines have 2 cores shared by several processes. */
  public static final int DEFAULT_THREADS = 2;
  private static final String INTRA = "ai.djl.pytorch.num_threads";
  private static final String INTER = "ai.djl.pytorch.num_interop_threads";

  private DjlRuntime() {
  }

  /**
   * Sets PyTorch intra/inter-op threads unless already given as system properties. Must run before the engine
   * is first used; later calls have no effect on a started engine.
   */
  public static void configureThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be > 0: " + threads);
    }
    if (System.getProperty(INTRA) == null) {
      System.setProperty(INTRA, Integer.toString(threads));
    }
    if (System.getProperty(INTER) == null) {
      System.setProperty(INTER, "1");
    }
  }

  /** Parses a device config string: {@code cpu}, {@code gpu} or {@code gpu:N}. */
  public static Device device(String config) {
    String c = config.trim().toLowerCase(Locale.ROOT);
    if ("cpu".equals(c)) {
      return Device.cpu();
    }
    if ("gpu".equals(c)) {
      return Device.gpu();
    }
    if (c.startsWith("gpu:")) {
      return Device.gpu(Integer.parseInt(c.substring(4)));
    }
    throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, got '" + config + "'");
  }
}
