package io.llmemb.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arithmetic with a constant that is safe to differentiate through. DJL's {@code x.mul(2f)}, {@code
 * x.div(8f)}, {@code x.maximum(1e-12f)} and {@code x.pow(-1)} wrap the number in a 0-dim tensor
 * that points into a direct Java buffer (PyTorch {@code from_blob}, no copy) and close it as soon
 * as the forward op returns. The autograd graph keeps that tensor for the backward pass (a
 * product's gradient is the gradient times the other factor), but nothing keeps the Java buffer:
 * when a garbage collection runs between forward and backward, the buffer's memory is freed and the
 * backward reads whatever the allocator wrote there. The loss stays finite, the gradient turns
 * wrong or non-finite, and it does not come back when the step is recomputed (measured, see
 * docs/llmemb-method.md §13.1). Here every constant is one 0-dim tensor per device, type and value,
 * created once and never closed, so the graph's reference stays valid; results are bit-identical to
 * DJL's own number overloads (same 0-dim tensor type, same op).
 *
 * <p>Use these wherever the result takes part in a backward pass; forward-only arithmetic (masks,
 * optimiser updates under no-grad) may keep the number overloads.
 */
public final class Scalars {

  private static final Map<List<Object>, NDArray> CONSTANTS = new ConcurrentHashMap<>();
  private static final Map<Device, NDManager> MANAGERS = new ConcurrentHashMap<>();

  private Scalars() {}

  /** {@code x * value}. */
  public static NDArray mul(NDArray x, Number value) {
    return x.mul(of(x, value));
  }

  /** {@code x / value}. */
  public static NDArray div(NDArray x, Number value) {
    return x.div(of(x, value));
  }

  /** Element-wise {@code max(x, value)}. */
  public static NDArray maximum(NDArray x, Number value) {
    return x.maximum(of(x, value));
  }

  /** Element-wise {@code min(x, value)}. */
  public static NDArray minimum(NDArray x, Number value) {
    return x.minimum(of(x, value));
  }

  /** {@code x ^ value}. */
  public static NDArray pow(NDArray x, Number value) {
    return x.pow(of(x, value));
  }

  /**
   * The constant {@code value} as a 0-dim tensor on {@code like}'s device, of the type DJL gives
   * the number (float → float32, double → float64, int → int32), never closed.
   */
  public static NDArray of(NDArray like, Number value) {
    Device device = like.getDevice();
    return CONSTANTS.computeIfAbsent(
        List.of(device, value.getClass(), value),
        k -> {
          NDManager owner = MANAGERS.computeIfAbsent(device, d -> NDManager.newBaseManager(d));
          NDArray constant = owner.create(value);
          // Created inside a caller's scope it would be registered there and closed with it.
          NDScope.unregister(constant);
          return constant;
        });
  }
}
