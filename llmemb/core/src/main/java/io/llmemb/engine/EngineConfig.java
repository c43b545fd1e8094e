package io.llmemb.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the DJL PyTorch engine runs: device, thread counts and seed (common brief: offline, CPU by
 * default, at most {@value #MAX_DEFAULT_THREADS} threads so the shared cores are not
 * oversubscribed).
 *
 * @param device {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto} (GPU when one is visible,
 *     else CPU)
 * @param interopThreads PyTorch inter-op threads, {@code >= 1}
 * @param intraopThreads PyTorch intra-op threads, {@code >= 1}
 * @param seed seed for PyTorch's generator (dropout, initialisation)
 */
public record EngineConfig(String device, int interopThreads, int intraopThreads, long seed) {

  /** Upper bound of the default thread counts. */
  public static final int MAX_DEFAULT_THREADS = 2;

  /** Default seed, the first seed of the paper's scripts (docs/llmemb-method.md §5). */
  public static final long DEFAULT_SEED = 42L;

  private static final Logger LOG = LoggerFactory.getLogger(EngineConfig.class);
  private static final String ENGINE_NAME = "PyTorch";
  private static final Pattern DEVICE = Pattern.compile("cpu|gpu|gpu:\\d+|auto");
  private static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";
  private static final String INTRAOP_PROPERTY = "ai.djl.pytorch.num_threads";

  public EngineConfig {
    device = normaliseDevice(device);
    if (interopThreads < 1) {
      throw new IllegalArgumentException("interopThreads must be >= 1, was " + interopThreads);
    }
    if (intraopThreads < 1) {
      throw new IllegalArgumentException("intraopThreads must be >= 1, was " + intraopThreads);
    }
  }

  /**
   * CPU, threads = min(available cores, {@value #MAX_DEFAULT_THREADS}), seed {@value
   * #DEFAULT_SEED}.
   */
  public static EngineConfig defaults() {
    int threads = defaultThreads();
    return new EngineConfig("cpu", threads, threads, DEFAULT_SEED);
  }

  /** Default thread count for this machine. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS));
  }

  /**
   * The engine settings of a component that seeds its own randomness: {@code device} with {@code
   * threads}.
   */
  public static EngineConfig of(String device, int threads) {
    return new EngineConfig(device, threads, threads, DEFAULT_SEED);
  }

  /** Lower-cased, validated device string; fails naming the accepted forms. */
  public static String normaliseDevice(String device) {
    String d = device == null ? "" : device.trim().toLowerCase(Locale.ROOT);
    if (!DEVICE.matcher(d).matches()) {
      throw new IllegalArgumentException(
          "device must be cpu, gpu, gpu:N or auto, was '" + device + "'");
    }
    return d;
  }

  /** Same configuration with another seed. */
  public EngineConfig withSeed(long newSeed) {
    return new EngineConfig(device, interopThreads, intraopThreads, newSeed);
  }

  /**
   * Configures and loads the engine (offline, thread counts, seed) and resolves the device.
   *
   * <p>Thread counts go in as system properties first because PyTorch accepts the inter-op count
   * only before its first parallel op; the intra-op count is set again through JNI so a second call
   * with another count applies.
   *
   * @return the device every array of a run should live on
   */
  public Device apply() {
    Engine engine = start();
    // Java int seed: PyTorch takes a long, DJL's API an int; keep both sources in step.
    engine.setRandomSeed((int) seed);
    JniUtils.setSeed(seed);
    Device resolved = resolveDevice(engine);
    LOG.debug(
        "engine {} device {} threads {}/{} seed {}",
        engine.getEngineName(),
        resolved,
        interopThreads,
        intraopThreads,
        seed);
    return resolved;
  }

  /**
   * Like {@link #apply()} but leaves the engine's random generator alone: for components (the text
   * encoders) that are opened in the middle of a seeded run and seed what they draw themselves.
   */
  public Device applyDevice() {
    return resolveDevice(start());
  }

  private Engine start() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty(INTEROP_PROPERTY, Integer.toString(interopThreads));
    System.setProperty(INTRAOP_PROPERTY, Integer.toString(intraopThreads));
    Engine engine = Engine.getEngine(ENGINE_NAME);
    if (JniUtils.getNumThreads() != intraopThreads) {
      JniUtils.setNumThreads(intraopThreads);
    }
    return engine;
  }

  private Device resolveDevice(Engine engine) {
    int gpus = engine.getGpuCount();
    if (device.equals("auto")) {
      return gpus > 0 ? Device.gpu() : Device.cpu();
    }
    if (device.equals("cpu")) {
      return Device.cpu();
    }
    int index = device.equals("gpu") ? 0 : Integer.parseInt(device.substring("gpu:".length()));
    if (gpus == 0) {
      throw new IllegalStateException(
          "--device "
              + device
              + " requested but PyTorch sees no CUDA GPU: this "
              + "machine has no GPU, or only the PyTorch CPU natives the project ships are on the classpath (add a "
              + "CUDA build of ai.djl.pytorch:pytorch-native matching your driver); or use --device cpu");
    }
    if (index >= gpus) {
      throw new IllegalStateException(
          "--device " + device + " requested but PyTorch sees only " + gpus + " GPU(s)");
    }
    return Device.gpu(index);
  }
}
