package io.llmemb.llm.llama;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.llmemb.engine.EngineConfig;
import java.util.Set;

/**
 * Where and how the decoder runs.
 *
 * @param device CPU by default; a GPU when configured
 * @param dtype FLOAT32 on CPU; FLOAT16 allowed on GPU only (docs/llmemb-method.md §3 runs LLaMA-7B
 *     in fp16). BFLOAT16 is refused: DJL 0.36's PyTorch engine aborts the JVM when it creates a
 *     BF16 tensor
 * @param maxTokens prompt length cap including EOS (docs/llmemb-method.md §2/§8)
 * @param threads PyTorch intra- and inter-op threads, so that small machines are not oversubscribed
 */
public record LlamaRuntimeOptions(Device device, DataType dtype, int maxTokens, int threads) {
  /**
   * One thread by default. Measured on our shared 2-core machine (load ~12), stories260K, batch 16:
   * 1 thread 126 items/s; 2 threads 11 items/s, because libgomp's spinning barriers starve under
   * contention; 2 threads with {@code OMP_WAIT_POLICY=PASSIVE} in the environment 184 items/s. Use
   * 2+ only with that variable set or on an otherwise idle machine.
   */
  public static final int DEFAULT_THREADS = 1;

  private static final Set<DataType> SUPPORTED = Set.of(DataType.FLOAT32, DataType.FLOAT16);

  /** Validates every component. */
  public LlamaRuntimeOptions {
    if (device == null || dtype == null) {
      throw new IllegalArgumentException("device and dtype are required");
    }
    if (!SUPPORTED.contains(dtype)) {
      throw new IllegalArgumentException("dtype must be one of " + SUPPORTED + ", got " + dtype);
    }
    if (dtype != DataType.FLOAT32 && !device.isGpu()) {
      throw new IllegalArgumentException(
          "dtype " + dtype + " needs a GPU device; CPU runs FLOAT32, got " + device);
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be >= 2, got " + maxTokens);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** CPU, fp32, {@link #DEFAULT_THREADS} thread(s). */
  public static LlamaRuntimeOptions cpu(int maxTokens) {
    return new LlamaRuntimeOptions(Device.cpu(), DataType.FLOAT32, maxTokens, DEFAULT_THREADS);
  }

  /**
   * Applies the thread settings and checks the device exists (see {@link
   * EngineConfig#applyDevice()}).
   */
  public void applyThreads() {
    String name = device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    EngineConfig.of(name, threads).applyDevice();
  }
}
