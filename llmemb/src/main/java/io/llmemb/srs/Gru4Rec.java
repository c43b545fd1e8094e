package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.Random;

/**
 * GRU4Rec (Hidasi et al., ICLR'16) as in the official LLMEmb code (method doc §4): item embeddings straight into a
 * 1-layer GRU(H→H) without bias; no scaling, positions or dropout; Xavier-normal GRU weights (§4 "Initialisation").
 * Inputs are left-padded, so the last column holds the state after the last real item.
 *
 * <p>Deviations, on purpose:
 * <ul>
 *   <li><b>Default objective {@link TrainingObjective#ALL_POSITIONS}</b> (every non-padding position predicts the
 *       next item, the SASRec loss) instead of the official {@link TrainingObjective#LAST} (one example per user
 *       per epoch, still available with {@code --objective last}). Chosen on validation NDCG@10 (ml-latest-small,
 *       5/5, seed 42, H = 64, max_len 50, batch 128, Adam 1e-3, patience 20): 0.219 with all-positions vs 0.139
 *       with last. {@code last} gives 671 labels and 6 steps per epoch and overfits them (train loss 0.54 while
 *       validation stalls; test HR@10 0.258, below popularity 0.358); all-positions gives 27,809 labels per epoch
 *       from the same sequences. Even so this GRU only matches popularity on that data (3 seeds: sampled HR@10
 *       0.385 vs 0.363; see the {@code srs2} report and {@code bench/scripts/srs-baselines.sh}).</li>
 *   <li><b>Padding is masked at the input</b>: the official code feeds the padding row through the GRU, which is
 *       harmless only while that row is zero. Here padding inputs are zeroed, and since the GRU has no bias a zero
 *       input on a zero state keeps the state exactly zero, so the sequence vector does not depend on the padding
 *       length, even with an item provider (the RAT adapter) whose row 0 is not zero.</li>
 * </ul>
 */
public final class Gru4Rec extends AbstractSequentialRecommender {

  /** Command-line name. */
  public static final String NAME = "gru4rec";
  /** Default objective (a deviation: see the class comment). */
  public static final TrainingObjective DEFAULT_OBJECTIVE = TrainingObjective.ALL_POSITIONS;

  private final TrainingObjective objective;
  private final NDArray weightIh;
  private final NDArray weightHh;

  /**
   * @param config hyperparameters ({@code numBlocks}, {@code heads} and {@code dropout} are unused)
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public Gru4Rec(BackboneConfig config, int numItems, NDManager manager, ItemEmbeddingProvider.Factory itemFactory) {
    this(config, DEFAULT_OBJECTIVE, numItems, manager, itemFactory);
  }

  /**
   * @param config hyperparameters ({@code numBlocks}, {@code heads} and {@code dropout} are unused)
   * @param objective which positions carry a label ({@link TrainingObjective#LAST} is the official one)
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public Gru4Rec(BackboneConfig config, TrainingObjective objective, int numItems, NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    super(NAME, config, numItems, manager, itemFactory, 0);
    this.objective = Objects.requireNonNull(objective, "objective");
    int h = config.hidden();
    // PyTorch layout [3H, H] (gates r, z, n), Xavier-normal like every >=2-D parameter (§4).
    this.weightIh = parameters().xavier("gru.weight_ih_l0", 3 * h, h);
    this.weightHh = parameters().xavier("gru.weight_hh_l0", 3 * h, h);
  }

  /** The training objective. */
  public TrainingObjective objective() {
    return objective;
  }

  @Override
  public NDArray encodeAll(NDArray ids, boolean training) {
    NDArray x = Layers.lookup(items().table(training), ids).mul(Layers.nonPadding(ids)); // [B, L, H]
    NDArray h0 = ids.getManager().zeros(new Shape(1, ids.getShape().get(0), config().hidden()));
    NDList out = x.getNDArrayInternal().gru(x, h0, new NDList(weightIh, weightHh), false, 1, 0.0, training,
        false, true);
    return out.get(0);
  }

  @Override
  public TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng) {
    return objective.sampleBatch(samples, data, rng, config().maxLen());
  }

  @Override
  protected NDArray trainHidden(NDArray inputs) {
    return objective.labelHidden(encodeAll(inputs, true));
  }
}
