package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named trainable arrays of one model, with the initialisers of docs/llmemb-method.md (§4:
 * Xavier-normal for every parameter with two or more dimensions except the item table; PyTorch
 * defaults for 1-D ones).
 *
 * <p>Parameters are raw NDArrays with gradients attached rather than DJL {@code Block}s: the models
 * are a few matrix products, and raw arrays keep the shared layers free functions that any backbone
 * or embedding provider can compose.
 */
public final class ParameterSet {

  /** Whether this thread is inside {@link #withoutRandomInit}. */
  private static final ThreadLocal<Boolean> UNINITIALISED = ThreadLocal.withInitial(() -> false);

  private final NDManager manager;
  private final Map<String, NDArray> params = new LinkedHashMap<>();

  /**
   * @param manager owner of every parameter array (and its device)
   */
  public ParameterSet(NDManager manager) {
    this.manager = manager;
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return manager;
  }

  /**
   * Xavier-normal (PyTorch {@code xavier_normal_}: std = sqrt(2 / (fanIn + fanOut))) for a 2-D
   * parameter.
   */
  public NDArray xavier(String name, int fanIn, int fanOut) {
    float std = (float) Math.sqrt(2.0 / (fanIn + fanOut));
    return normal(name, new Shape(fanIn, fanOut), std);
  }

  /**
   * Standard normal, PyTorch's {@code nn.Embedding} default (the item table is exempt from Xavier,
   * §4).
   */
  public NDArray normal(String name, Shape shape, float std) {
    return register(
        name,
        UNINITIALISED.get()
            ? manager.zeros(shape)
            : manager.randomNormal(0f, std, shape, ai.djl.ndarray.types.DataType.FLOAT32));
  }

  /**
   * Uniform in [-bound, bound], PyTorch's default for linear/conv biases (bound = 1/sqrt(fanIn)).
   */
  public NDArray uniform(String name, Shape shape, float bound) {
    return register(
        name,
        UNINITIALISED.get() ? manager.zeros(shape) : manager.randomUniform(-bound, bound, shape));
  }

  /**
   * Runs {@code build} with the random initialisers (Xavier, normal, uniform) giving zeros instead:
   * for a model whose every parameter is about to be overwritten (the bundle loader checks that
   * each one is), where drawing a million-row item table's random values was a quarter of a model
   * swap's time. Only the calling thread is affected, and only inside {@code build}.
   */
  public static <T> T withoutRandomInit(Supplier<T> build) {
    boolean outer = UNINITIALISED.get();
    UNINITIALISED.set(true);
    try {
      return build.get();
    } finally {
      UNINITIALISED.set(outer);
    }
  }

  /** Constant fill (LayerNorm gamma = 1, beta = 0, attention biases = 0 as in PyTorch). */
  public NDArray constant(String name, Shape shape, float value) {
    return register(name, manager.full(shape, value));
  }

  private NDArray register(String name, NDArray array) {
    if (params.containsKey(name)) {
      throw new IllegalArgumentException("duplicate parameter name: " + name);
    }
    array.setName(name);
    array.setRequiresGradient(true);
    params.put(name, array);
    return array;
  }

  /**
   * Adds every parameter of another set (e.g. the item-embedding provider's) under their own names.
   */
  public void addAll(Map<String, NDArray> others) {
    others.forEach(
        (name, array) -> {
          if (params.putIfAbsent(name, array) != null) {
            throw new IllegalArgumentException("duplicate parameter name: " + name);
          }
        });
  }

  /** Read-only view, in registration order. */
  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(params);
  }

  /** Total number of scalar weights. */
  public long size() {
    return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  /** Writes every parameter (safetensors-free DJL encoding, names kept) to a file. */
  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    NDList list = new NDList(params.values());
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out);
    }
  }

  /**
   * Warm start from another model's checkpoint: copies every saved parameter whose (possibly
   * renamed) name exists here with the same shape, and leaves the others as initialised. Used to
   * start a model from a trained model of the same backbone whose item table is named or shaped
   * differently.
   *
   * @param file a checkpoint written by {@link #save}
   * @param rename saved name → name here (e.g. the plain item table → a fused model's ID view)
   * @return the names here that received a saved value
   * @throws IOException when the file cannot be read
   */
  public List<String> loadMatching(Path file, Map<String, String> rename) throws IOException {
    List<String> loaded = new ArrayList<>();
    try (NDManager tmp = manager.newSubManager();
        InputStream in = Files.newInputStream(file)) {
      for (NDArray saved : NDList.decode(tmp, in)) {
        String name = rename.getOrDefault(saved.getName(), saved.getName());
        NDArray target = params.get(name);
        if (target != null && target.getShape().equals(saved.getShape())) {
          target.set(saved.toFloatArray());
          loaded.add(name);
        }
      }
    }
    return loaded;
  }

  /**
   * Copies saved values into the parameters in place (same names and shapes required).
   *
   * @throws IOException on a missing file or a name/shape mismatch (the message names the
   *     parameter)
   */
  public void load(Path file) throws IOException {
    try (NDManager tmp = manager.newSubManager();
        InputStream in = Files.newInputStream(file)) {
      NDList list = NDList.decode(tmp, in);
      for (NDArray saved : list) {
        NDArray target = params.get(saved.getName());
        if (target == null) {
          throw new IOException(file + ": unknown parameter " + saved.getName());
        }
        if (!target.getShape().equals(saved.getShape())) {
          throw new IOException(
              file
                  + ": parameter "
                  + saved.getName()
                  + " has shape "
                  + saved.getShape()
                  + ", model expects "
                  + target.getShape());
        }
        target.set(saved.toFloatArray());
      }
      if (list.size() != params.size()) {
        throw new IOException(
            file + ": holds " + list.size() + " parameters, model has " + params.size());
      }
    }
  }
}
