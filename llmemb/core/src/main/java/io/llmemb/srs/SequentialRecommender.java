package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * The contract every backbone implements (RecBole's three-method contract, written once:
 * docs/style-by-example.md item 9).
 *
 * <p>Inputs are [B, L] int32 id arrays, left-padded with 0. Outputs are float32 arrays of the
 * shapes given.
 */
public interface SequentialRecommender {

  /**
   * Backbone name as used on the command line ({@code sasrec}, {@code gru4rec}, {@code bert4rec}).
   */
  String name();

  /** Hyperparameters. */
  BackboneConfig config();

  /** Largest item id; scores have {@code numItems + 1} columns (column 0 is padding). */
  int numItems();

  /** Every trainable parameter, including the item-embedding provider's. */
  ParameterSet parameters();

  /** The item-embedding provider. */
  ItemEmbeddingProvider items();

  /**
   * Name of the training objective, for result files ({@code all-positions}, {@code last}, {@code
   * cloze}). A default so that wrappers written before it keep compiling.
   */
  default String objectiveName() {
    return "default";
  }

  /** Hidden state at every position: [B, L, H]. */
  NDArray encodeAll(NDArray ids, boolean training);

  /** Sequence vector used for prediction: [B, H]. */
  NDArray encode(NDArray ids, boolean training);

  /**
   * Scores of every item id (column 0 = padding, meaningless): [B, numItems + 1]. Inference mode.
   */
  NDArray scoreAll(NDArray ids);

  /**
   * Writes user history {@code history} as one prediction input row (last {@code maxLen} items,
   * left-padded; the Bert4Rec variant appends [MASK]).
   */
  void predictionRow(int[] history, int[] out, int offset);

  /** Number of training samples per epoch for {@code numUsers} users (Bert4Rec doubles it). */
  int samplesPerEpoch(int numUsers);

  /**
   * Builds a training batch for the given sample indices (in {@code [0, samplesPerEpoch)}).
   *
   * @param samples sample indices
   * @param data training sequences and negative sampler
   * @param rng source of negatives and masks (seeded by the trainer)
   */
  TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng);

  /** The backbone's training loss for a batch, as a scalar in the graph (training mode). */
  NDArray loss(TrainBatch batch);
}
