package io.llmemb.bundle;

import io.llmemb.srs.BackboneWeights;
import java.util.List;
import java.util.Optional;

/**
 * What serving needs from a released model, whatever backbone (SASRec, GRU4Rec, Bert4Rec) and item
 * representation (plain IDs, the paper's RAT adapter, the fused ID + text view) is inside the
 * bundle.
 *
 * <p>Scoring is split in two so that serving owns the item matrix: the model encodes a user's
 * history into one vector; serving scores it against item vectors by dot product. The item vectors
 * of the bundle come from {@link #itemVectors()}; an item embedded after the bundle was trained
 * gets its vector from {@link #adaptNewItem(float[])} (text view only, interaction count zero), so
 * a brand-new item is scorable without retraining. Internal ids are {@code 1..numItems()}, in the
 * order of {@link #itemIds()}; 0 is padding.
 *
 * <p>Implementations are immutable once loaded and safe for concurrent use; {@link #close()} frees
 * native memory.
 */
public interface ServingModel extends AutoCloseable {

  /** Release label of the bundle (its manifest's bundleVersion). */
  String version();

  /** sha256 of the bundle's manifest: identifies the release. */
  String manifestSha256();

  /** Backbone name ({@code sasrec}, {@code gru4rec}, {@code bert4rec}). */
  String backbone();

  /** Item representation ({@code id}, {@code rat}, {@code fused}, ...). */
  String variant();

  /** Width H of user and item vectors. */
  int hidden();

  /** Longest history the backbone reads; older items are ignored. */
  int maxLen();

  /** Raw item ids of the catalogue the model was trained on; element i has internal id i + 1. */
  List<String> itemIds();

  /** Number of items the model was trained on. */
  default int numItems() {
    return itemIds().size();
  }

  /**
   * Item vectors as row-major [numItems, H]; row i is internal id i + 1. A copy the caller may
   * keep; it may be derived on every call (O(numItems)), so call it once per release.
   */
  float[] itemVectors();

  /**
   * Encodes a history into the user vector that is dot-multiplied with item vectors.
   *
   * @param history internal ids, oldest first; ids outside {@code 1..numItems()} are skipped
   * @return [H]
   */
  float[] encodeUser(int[] history);

  /**
   * The backbone's weights as plain arrays (SASRec, Bert4Rec, GRU4Rec), so that a caller can run
   * {@link #encodeUser} without the engine; its input rows for item ids {@code 1..numItems()} are
   * {@link #itemVectors()} (input and output share the item table), and {@link #inputRow} gives the
   * ids it reads. Empty when the model does not say.
   */
  default Optional<BackboneWeights> backboneWeights() {
    return Optional.empty();
  }

  /**
   * The padded id row {@link #encodeUser} feeds the backbone for {@code history}: {@link #maxLen()}
   * ids, 0 for padding, the most recent item (or an extra token such as Bert4Rec's [MASK]) last;
   * ids outside {@code 1..numItems()} of the history are skipped.
   *
   * @throws UnsupportedOperationException if the model does not say
   */
  default int[] inputRow(int[] history) {
    throw new UnsupportedOperationException("this model does not expose its input row");
  }

  /**
   * Item vector for an item the model has not seen, from its raw LLM embedding (before PCA), as
   * published on {@code catalog.item_embeddings}.
   *
   * @return the vector, or empty when the model has no text view (plain ID models cannot score
   *     unseen items)
   * @throws IllegalArgumentException if the embedding's width is not the one the model was trained
   *     with
   */
  Optional<float[]> adaptNewItem(float[] llmEmbedding);

  /**
   * Encoder id and prompt version the text view was trained on (as on {@code
   * ItemEmbedding.llmVersion}); item embeddings of another version must not be fed to {@link
   * #adaptNewItem(float[])}. Empty without a text view.
   */
  default Optional<String> llmVersion() {
    return Optional.empty();
  }

  /** Frees native resources; the default has none. */
  @Override
  default void close() {}
}
