package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import io.llmemb.serving.encoding.UserEncoder;
import io.llmemb.serving.encoding.UserEncoders;
import io.llmemb.serving.scoring.ScoringSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded model release together with the item matrix it scores against.
 *
 * @param releaseVersion {@code ModelRelease.version}, written on every recommendation it produces
 * @param model the verified, warmed-up model
 * @param index its item vectors: the bundle's, then items adapted since
 * @param internalIds raw item id to the model's internal id ({@code 1..numItems})
 * @param encoder how a history becomes the user vector ({@link UserEncoders#choose})
 */
public record LiveModel(
    String releaseVersion,
    ServingModel model,
    ItemIndex index,
    Map<String, Integer> internalIds,
    UserEncoder encoder) {

  /** Validates every component. */
  public LiveModel {
    Objects.requireNonNull(releaseVersion, "releaseVersion");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(encoder, "encoder");
    internalIds = Map.copyOf(internalIds);
  }

  /** A live model that encodes users with the model's own {@link ServingModel#encodeUser}. */
  public LiveModel(
      String releaseVersion,
      ServingModel model,
      ItemIndex index,
      Map<String, Integer> internalIds) {
    this(releaseVersion, model, index, internalIds, UserEncoder.engine(model));
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
    List<String> ids = model.itemIds();
    int h = model.hidden();
    ItemIndex index = new ItemIndex(h, scoring);
    Map<String, Integer> internal = new HashMap<>(ids.size() * 2);
    index.putAll(ids, vectors);
    for (int i = 0; i < ids.size(); i++) {
      internal.put(ids.get(i), i + 1);
    }
    // The index holds the bundle's items in order (row i = internal id i + 1), and the backbone
    // reads its input rows from the same table, so the Java encoder reads them there.
    UserEncoder encoder =
        UserEncoders.choose(
            model, (id, out, offset) -> index.copyRow(id - 1, out, offset), javaEncoder);
    return new LiveModel(releaseVersion, model, index, internal, encoder);
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
    return internalIds.containsKey(itemId);
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
      Integer id = internalIds.get(sequence.get(i));
      if (id != null) {
        out[out.length - 1 - n++] = id;
      }
    }
    return java.util.Arrays.copyOfRange(out, out.length - n, out.length);
  }
}
