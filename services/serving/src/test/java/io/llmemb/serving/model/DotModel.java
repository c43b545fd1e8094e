package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, exactly predictable {@link ServingModel} for topology tests: fixed item vectors, the
 * user vector is the mean of the history's item vectors, and a new item's vector is the first
 * {@code hidden} numbers of its LLM embedding (a stand-in for PCA + adapter). Records whether it
 * was closed.
 */
public final class DotModel implements ServingModel {

  /** The llmVersion the model accepts embeddings of. */
  public static final String LLM_VERSION = "test-encoder@1";

  private final String version;
  private final String sha;
  private final int hidden;
  private final Map<String, float[]> items;
  private volatile boolean closed;

  /** A model with the given items (insertion order = internal ids 1..n). */
  public DotModel(String version, String sha, int hidden, Map<String, float[]> items) {
    this.version = version;
    this.sha = sha;
    this.hidden = hidden;
    this.items = new LinkedHashMap<>(items);
  }

  /** Builder-ish helper: {@code item("a", 1, 0)}. */
  public static Map.Entry<String, float[]> item(String id, float... vector) {
    return Map.entry(id, vector);
  }

  /** Whether {@link #close()} was called. */
  public boolean closed() {
    return closed;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String manifestSha256() {
    return sha;
  }

  @Override
  public String backbone() {
    return "mean";
  }

  @Override
  public String variant() {
    return "test";
  }

  @Override
  public int hidden() {
    return hidden;
  }

  @Override
  public int maxLen() {
    return 5;
  }

  @Override
  public List<String> itemIds() {
    return new ArrayList<>(items.keySet());
  }

  @Override
  public float[] itemVectors() {
    float[] out = new float[items.size() * hidden];
    int i = 0;
    for (float[] v : items.values()) {
      System.arraycopy(v, 0, out, i++ * hidden, hidden);
    }
    return out;
  }

  @Override
  public float[] encodeUser(int[] history) {
    if (closed) {
      throw new IllegalStateException("model " + version + " used after close");
    }
    List<float[]> rows = new ArrayList<>(items.values());
    float[] user = new float[hidden];
    for (int id : history) {
      for (int j = 0; j < hidden; j++) {
        user[j] += rows.get(id - 1)[j] / history.length;
      }
    }
    return user;
  }

  @Override
  public Optional<float[]> adaptNewItem(float[] llmEmbedding) {
    if (llmEmbedding.length < hidden) {
      throw new IllegalArgumentException("embedding width " + llmEmbedding.length + " < " + hidden);
    }
    return Optional.of(java.util.Arrays.copyOf(llmEmbedding, hidden));
  }

  @Override
  public Optional<String> llmVersion() {
    return Optional.of(LLM_VERSION);
  }

  @Override
  public void close() {
    closed = true;
  }
}
