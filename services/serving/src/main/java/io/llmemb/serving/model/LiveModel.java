package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import io.llmemb.serving.encoding.UserEncoder;
import io.llmemb.serving.encoding.UserEncoders;
import io.llmemb.serving.scoring.ScoringSettings;
import java.util.List;
import java.util.Objects;

/**
 * A loaded model release together with the item matrix it scores against. The index holds the
 * bundle's items first, in the model's order, so row {@code i} is internal id {@code i + 1}: the id
 * map serving needs per event (raw id → internal id, "trained on this item?") is the index's own,
 * not a second map of the catalogue.
 */
public final class LiveModel {

  private final String releaseVersion;
  private final ServingModel model;
  private final ItemIndex index;
  private final UserEncoder encoder;

  private LiveModel(
      String releaseVersion, ServingModel model, ItemIndex index, UserEncoder encoder) {
    this.releaseVersion = Objects.requireNonNull(releaseVersion, "releaseVersion");
    this.model = Objects.requireNonNull(model, "model");
    this.index = Objects.requireNonNull(index, "index");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** {@code ModelRelease.version}, written on every recommendation it produces. */
  public String releaseVersion() {
    return releaseVersion;
  }

  /** The verified, warmed-up model. */
  public ServingModel model() {
    return model;
  }

  /** Its item vectors: the bundle's, then items adapted since. */
  public ItemIndex index() {
    return index;
  }

  /** How a history becomes the user vector ({@link UserEncoders#choose}). */
  public UserEncoder encoder() {
    return encoder;
  }

  /** The live model of {@code model} with an index holding exactly the bundle's item vectors. */
  public static LiveModel of(String releaseVersion, ServingModel model) {
    return of(releaseVersion, model, model.itemVectors(), ScoringSettings.DEFAULT);
  }

  /**
   * As {@link #of(String, ServingModel)} with the item vectors already derived ({@link
   * ServingModel#itemVectors()} may compute them on every call) and the given scoring settings. A
   * catalogue past {@link ScoringSettings#annMinItems()} starts its graph build here, in the
   * background. Users are encoded in Java when the model allows it ({@link UserEncoders}).
   */
  public static LiveModel of(
      String releaseVersion, ServingModel model, float[] vectors, ScoringSettings scoring) {
    return of(releaseVersion, model, vectors, scoring, true);
  }

  /**
   * As {@link #of(String, ServingModel, float[], ScoringSettings)}; {@code javaEncoder} false keeps
   * the engine's encoding (benchmarks compare the two).
   */
  public static LiveModel of(
      String releaseVersion,
      ServingModel model,
      float[] vectors,
      ScoringSettings scoring,
      boolean javaEncoder) {
    ItemIndex index = new ItemIndex(model.hidden(), scoring);
    index.putAll(model.itemIds(), vectors);
    // The index holds the bundle's items in order (row i = internal id i + 1), and the backbone
    // reads its input rows from the same table, so the Java encoder reads them there.
    UserEncoder encoder =
        UserEncoders.choose(
            model, (id, out, offset) -> index.copyRow(id - 1, out, offset), javaEncoder);
    return new LiveModel(releaseVersion, model, index, encoder);
  }

  /** The user vector of {@code history} (internal ids, oldest first). */
  public float[] encodeUser(int[] history) {
    return encoder.encode(history);
  }

  /**
   * Whether the bundle was trained on {@code itemId} (so its vector comes from the bundle, not the
   * adapter).
   */
  public boolean inBundle(String itemId) {
    return internalId(itemId) > 0;
  }

  /** The model's internal id of {@code itemId} ({@code 1..numItems}), or 0 if not trained on it. */
  public int internalId(String itemId) {
    int row = index.rowOf(itemId);
    return row >= 0 && row < model.numItems() ? row + 1 : 0;
  }

  /**
   * The history the backbone reads: internal ids of the last {@code maxLen} items of {@code
   * sequence} (oldest first) the model knows; items it was not trained on are skipped, as the
   * contract asks.
   */
  public int[] history(List<String> sequence) {
    int[] out = new int[Math.min(sequence.size(), model.maxLen())];
    int n = 0;
    for (int i = sequence.size() - 1; i >= 0 && n < out.length; i--) {
      int id = internalId(sequence.get(i));
      if (id > 0) {
        out[out.length - 1 - n++] = id;
      }
    }
    return java.util.Arrays.copyOfRange(out, out.length - n, out.length);
  }
}
