package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.Random;

/**
 * SASRec (Kang &amp; McAuley, ICDM'18) as in the official LLMEmb {@code SASRec_seq}
 * (docs/llmemb-method.md §4): causal self-attention with a sequence-to-sequence loss, every
 * non-padding position t predicting item t+1.
 *
 * <p>Deviation from the official code, on purpose: causal and key-padding masks are applied (§7.2;
 * without them position t sees its own label).
 *
 * <p>{@link TrainingObjective#LAST} (label only the last position) is available for comparison with
 * GRU4Rec's official objective; it is not the official SASRec loss.
 */
public final class SasRec extends TransformerRecommender {

  /** Command-line name. */
  public static final String NAME = "sasrec";

  /** The official sequence-to-sequence loss. */
  public static final TrainingObjective DEFAULT_OBJECTIVE = TrainingObjective.ALL_POSITIONS;

  private final TrainingObjective objective;

  /**
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public SasRec(
      BackboneConfig config,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    this(config, DEFAULT_OBJECTIVE, numItems, manager, itemFactory);
  }

  /**
   * @param config hyperparameters
   * @param objective which positions carry a label ({@link #DEFAULT_OBJECTIVE} is the official one)
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public SasRec(
      BackboneConfig config,
      TrainingObjective objective,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    super(NAME, config, numItems, manager, itemFactory, 0, true);
    this.objective = Objects.requireNonNull(objective, "objective");
  }

  @Override
  public TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng) {
    return objective.sampleBatch(samples, data, rng, config().maxLen());
  }

  @Override
  protected NDArray trainHidden(NDArray inputs) {
    return objective.labelHidden(encodeAll(inputs, true));
  }

  /** The training objective. */
  public TrainingObjective objective() {
    return objective;
  }

  @Override
  public String objectiveName() {
    return objective.cliName();
  }
}
