package io.llmemb.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.NoGrad;
import io.llmemb.srs.BackboneWeights;
import io.llmemb.srs.Gru4Rec;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TransformerRecommender;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ServingModel} around a rebuilt backbone in inference mode: the user vector is {@link
 * SequentialRecommender#encode} of the history's prediction row (the provider looks up only those
 * rows, so an encode costs the same at any catalogue size), the item vectors are rows 1..N of the
 * provider's table, so {@code user · items} equals {@link SequentialRecommender#scoreAll}. New
 * items go through the provider when it is a {@link NewItemAdapter}.
 */
final class BackboneServingModel implements ServingModel {

  /** Rows derived per step by {@link #itemVectors()}: intermediates of a few MB. */
  static final int VECTOR_CHUNK = 8_192;

  private final String version;
  private final String manifestSha256;
  private final String variant;
  private final SequentialRecommender model;
  private final List<String> itemIds;
  private final NDManager manager;

  BackboneServingModel(
      String version,
      String manifestSha256,
      String variant,
      SequentialRecommender model,
      List<String> itemIds,
      NDManager manager) {
    this.version = version;
    this.manifestSha256 = manifestSha256;
    this.variant = variant;
    this.model = model;
    this.itemIds = List.copyOf(itemIds);
    this.manager = manager;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String manifestSha256() {
    return manifestSha256;
  }

  @Override
  public String backbone() {
    return model.name();
  }

  @Override
  public String variant() {
    return variant;
  }

  @Override
  public int hidden() {
    return model.config().hidden();
  }

  @Override
  public int maxLen() {
    return model.config().maxLen();
  }

  @Override
  public List<String> itemIds() {
    return itemIds;
  }

  @Override
  public float[] itemVectors() {
    // Derived on demand, not held: serving keeps the one copy it scores against, and asks once per
    // release. Chunks of rows through the provider's row lookup (equal to the whole table's rows,
    // RowLookupTest) instead of the whole table at once: every intermediate of the adapter and gate
    // then fits in cache, where the whole-table ops streamed [N, H] arrays through memory a dozen
    // times (most of a swap at 1M items).
    int n = model.numItems();
    int h = model.config().hidden();
    float[] vectors = new float[Math.multiplyExact(n, h)];
    for (int start = 1; start <= n; start += VECTOR_CHUNK) {
      int end = Math.min(n + 1, start + VECTOR_CHUNK);
      try (NoGrad noGrad = NoGrad.enter();
          NDScope scope = new NDScope()) {
        NDArray ids = manager.arange(start, end).toType(DataType.INT32, false);
        float[] rows = model.items().lookup(ids, false).toFloatArray();
        System.arraycopy(rows, 0, vectors, (start - 1) * h, rows.length);
        scope.suppressNotUsedWarning();
      }
    }
    return vectors;
  }

  @Override
  public int[] inputRow(int[] history) {
    int n = model.numItems();
    int[] known = Arrays.stream(history).filter(i -> i >= 1 && i <= n).toArray();
    int[] row = new int[model.config().maxLen()];
    model.predictionRow(known, row, 0);
    return row;
  }

  @Override
  public Optional<BackboneWeights> backboneWeights() {
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      BackboneWeights weights = null;
      if (model instanceof TransformerRecommender t) {
        weights = t.weights();
      } else if (model instanceof Gru4Rec g) {
        weights = g.weights();
      }
      scope.suppressNotUsedWarning();
      return Optional.ofNullable(weights);
    }
  }

  @Override
  public float[] encodeUser(int[] history) {
    int len = model.config().maxLen();
    int[] row = inputRow(history);
    // NDScope closes every intermediate array, whichever manager the ops attached it to.
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      NDArray ids = manager.create(row, new Shape(1, len));
      float[] user = model.encode(ids, false).toFloatArray();
      scope.suppressNotUsedWarning();
      return user;
    }
  }

  @Override
  public Optional<float[]> adaptNewItem(float[] llmEmbedding) {
    if (!(model.items() instanceof NewItemAdapter a)) {
      return Optional.empty();
    }
    try (NoGrad noGrad = NoGrad.enter()) {
      return Optional.of(a.adaptNewItem(llmEmbedding));
    }
  }

  @Override
  public Optional<String> llmVersion() {
    return model.items() instanceof NewItemAdapter a
        ? Optional.of(a.llmVersion())
        : Optional.empty();
  }

  @Override
  public void close() {
    manager.close();
  }
}
