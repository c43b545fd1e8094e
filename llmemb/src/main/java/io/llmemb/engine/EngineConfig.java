package io.llmemb.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the DJL PyTorch engine runs: device, thread counts and seed (common brief: offline, CPU by default, at most
 * {@value #MAX_DEFAULT_THREADS} threads so the shared cores are not oversubscribed).
 *
 * @param device {@code cpu}, {@code gpu} or {@code auto} (GPU when one is visible, else CPU)
 * @param interopThreads PyTorch inter-op threads, {@code >= 1}
 * @param intraopThreads PyTorch intra-op threads, {@code >= 1}
 * @param seed seed for PyTorch's generator (dropout, initialisation)
 */
public record EngineConfig(String device, int interopThreads, int intraopThreads, long seed) {

  /** Upper bound of the default thread counts. */
  public static final int MAX_DEFAULT_THREADS = 2;
  /** Default seed, the first seed of the paper's scripts (method doc §5). */
  public static final long DEFAULT_SEED = 42L;

  private static final Logger LOG = LoggerFactory.getLogger(EngineConfig.class);
  private static final String ENGINE_NAME = "PyTorch";

  public EngineConfig {
    if (device == null || !(device.equals("cpu") || device.equals("gpu") || device.equals("auto"))) {
      throw new IllegalArgumentException("device must be cpu|gpu|auto, was " + device);
    }
    if (interopThreads < 1) {
      throw new IllegalArgumentException("interopThreads must be >= 1, was " + interopThreads);
    }
    if (intraopThreads < 1) {
      throw new IllegalArgumentException("intraopThreads must be >= 1, was " + intraopThreads);
    }
  }

  /** CPU, threads = min(available cores, {@value #MAX_DEFAULT_THREADS}), seed {@value #DEFAULT_SEED}. */
  public static EngineConfig defaults() {
    int threads = defaultThreads();
    return new EngineConfig("cpu", threads, threads, DEFAULT_SEED);
  }

  /** Default thread count for this machine. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS));
  }

  /** Same configuration with another seed. */
  public EngineConfig withSeed(long newSeed) {
    return new EngineConfig(device, interopThreads, intraopThreads, newSeed);
  }

  /**
   * Configures and loads the engine (offline, thread counts, seed) and resolves the device.
   *
   * <p>Thread counts go in as system properties first because PyTorch accepts the inter-op count only before its
   * first parallel op; the intra-op count is set again through JNI so a second call with another count applies.
   *
   * @return the device every array of a run should live on
   */
  public Device apply() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interopThreads));
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraopThreads));
    Engine engine = Engine.getEngine(ENGINE_NAME);
    if (JniUtils.getNumThreads() != intraopThreads) {
      JniUtils.setNumThreads(intraopThreads);
    }
    // Java int seed: PyTorch takes a long, DJL's API an int; keep both sources in step.
    engine.setRandomSeed((int) seed);
    JniUtils.setSeed(seed);
    Device resolved = resolveDevice(engine);
    LOG.debug("engine {} device {} threads {}/{} seed {}", engine.getEngineName(), resolved,
        interopThreads, intraopThreads, seed);
    return resolved;
  }

  private Device resolveDevice(Engine engine) {
    boolean hasGpu = engine.getGpuCount() > 0;
    switch (device.toLowerCase(Locale.ROOT)) {
      case "gpu":
        if (!hasGpu) {
          throw new IllegalStateException("device=gpu requested but PyTorch sees no GPU "
              + "(only CPU natives are shipped; use device=auto or cpu)");
        }
        return Device.gpu();
      case "auto":
        return hasGpu ? Device.gpu() : Device.cpu();
      default:
        return Device.cpu();
    }
  }
}
