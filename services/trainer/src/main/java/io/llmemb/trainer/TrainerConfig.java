package io.llmemb.trainer;

import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Validation;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the trainer ({@code llmemb.trainer.*} in application.yml, each with an environment
 * override there). The model's hyperparameters default to the method library's defaults ({@link
 * BackboneConfig}, {@link TrainConfig}).
 *
 * @param enabled run the scheduled check (tests drive {@link TrainingJob#runOnce()} themselves)
 * @param modelName key of the releases on {@code models.releases}
 * @param modelStore directory bundles are written to ({@code <modelStore>/<version>})
 * @param backbone sasrec, gru4rec or bert4rec
 * @param variant item representation ({@link #VARIANTS}): {@code id} (plain backbone), {@code rat}
 *     (LLM embeddings from {@code catalog.item_embeddings} + adapter, docs/llmemb-method.md §4) or
 *     {@code fused} (the RAT text view beside an ID view, gated by training interaction counts,
 *     warm-started from the plain backbone; docs/llmemb-method.md §10)
 * @param pcaComponents RAT and fused: upper bound of the PCA width of the LLM table
 * @param maxMissingEmbeddings RAT and fused: the largest share of a snapshot's items without a
 *     published embedding that are left out (with their interactions); above it the trainer waits
 *     for the embeddings
 * @param checkInterval how often the job looks at the interaction log
 * @param minNewInteractions retrain as soon as this many interactions arrived since the last
 *     training
 * @param maxInterval retrain after this long even with fewer new interactions (as long as there is
 *     one)
 * @param gateMetric held-out metric the eval gate compares
 * @param gateMargin a candidate passes when its metric is at least the current release's minus this
 * @param userCore drop users with fewer interactions (k-core, docs/llmemb-method.md §1)
 * @param itemCore drop items with fewer interactions
 * @param hidden backbone width
 * @param blocks transformer blocks
 * @param heads attention heads
 * @param maxLen longest sequence the backbone reads
 * @param epochs most epochs per training
 * @param patience early stopping patience (epochs without validation improvement)
 * @param minEpochs patience cannot stop a training before this epoch
 * @param validation candidates of validation NDCG@10: full, sampled or sampled-resampled ({@link
 *     Validation})
 * @param batchSize training batch size
 * @param learningRate Adam learning rate
 * @param seed random seed of initialisation, sampling and evaluation
 * @param device cpu, gpu or gpu:N
 * @param threads PyTorch intra-op threads
 */
@ConfigurationProperties("llmemb.trainer")
public record TrainerConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "llmemb") String modelName,
    @Bindable(defaultValue = "models") String modelStore,
    @Bindable(defaultValue = "sasrec") String backbone,
    @Bindable(defaultValue = "id") String variant,
    @Bindable(defaultValue = "128") int pcaComponents,
    @Bindable(defaultValue = "0.05") double maxMissingEmbeddings,
    @Bindable(defaultValue = "1m") Duration checkInterval,
    @Bindable(defaultValue = "10000") long minNewInteractions,
    @Bindable(defaultValue = "6h") Duration maxInterval,
    @Bindable(defaultValue = "ndcg@10") String gateMetric,
    @Bindable(defaultValue = "0.005") double gateMargin,
    @Bindable(defaultValue = "5") int userCore,
    @Bindable(defaultValue = "5") int itemCore,
    @Bindable(defaultValue = "" + BackboneConfig.DEFAULT_HIDDEN) int hidden,
    @Bindable(defaultValue = "" + BackboneConfig.DEFAULT_BLOCKS) int blocks,
    @Bindable(defaultValue = "" + BackboneConfig.DEFAULT_HEADS) int heads,
    @Bindable(defaultValue = "" + BackboneConfig.DEFAULT_MAX_LEN) int maxLen,
    @Bindable(defaultValue = "" + TrainConfig.DEFAULT_MAX_EPOCHS) int epochs,
    @Bindable(defaultValue = "" + TrainConfig.DEFAULT_PATIENCE) int patience,
    @Bindable(defaultValue = "" + TrainConfig.DEFAULT_MIN_EPOCHS) int minEpochs,
    @Bindable(defaultValue = TrainConfig.DEFAULT_VALIDATION_LABEL) String validation,
    @Bindable(defaultValue = "" + TrainConfig.DEFAULT_BATCH) int batchSize,
    @Bindable(defaultValue = "" + TrainConfig.DEFAULT_LR) double learningRate,
    @Bindable(defaultValue = "" + EngineConfig.DEFAULT_SEED) long seed,
    @Bindable(defaultValue = "cpu") String device,
    @Bindable(defaultValue = "" + EngineConfig.MAX_DEFAULT_THREADS) int threads) {

  /** Plain ID backbone. */
  public static final String ID = "id";

  /** RAT: LLM embeddings + adapter. */
  public static final String RAT = "rat";

  /** Fused ID + text views. */
  public static final String FUSED = "fused";

  /** The accepted values of {@code variant}. */
  public static final List<String> VARIANTS = List.of(ID, RAT, FUSED);

  /** Validates the values a typo could break; the message names the key. */
  public TrainerConfig {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("llmemb.trainer.model-name must be non-blank");
    }
    if (modelStore == null || modelStore.isBlank()) {
      throw new IllegalArgumentException("llmemb.trainer.model-store must be non-blank");
    }
    if (!VARIANTS.contains(variant)) {
      throw unknownVariant(variant);
    }
    if (minNewInteractions < 1) {
      throw new IllegalArgumentException(
          "llmemb.trainer.min-new-interactions must be >= 1, was " + minNewInteractions);
    }
    if (!(maxMissingEmbeddings >= 0 && maxMissingEmbeddings < 1)) {
      throw new IllegalArgumentException(
          "llmemb.trainer.max-missing-embeddings must be in [0, 1), was " + maxMissingEmbeddings);
    }
    try {
      Validation.parse(validation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "llmemb.trainer.validation (environment VALIDATION): " + e.getMessage(), e);
    }
    if (gateMargin < 0) {
      throw new IllegalArgumentException(
          "llmemb.trainer.gate-margin must be >= 0, was " + gateMargin);
    }
  }

  /**
   * The backbone hyperparameters these settings describe (dropout and mask probability: the
   * library's).
   */
  public BackboneConfig backboneConfig() {
    return new BackboneConfig(
        hidden,
        blocks,
        heads,
        BackboneConfig.DEFAULT_DROPOUT,
        maxLen,
        BackboneConfig.DEFAULT_MASK_PROB);
  }

  /** The optimisation settings these describe. */
  public TrainConfig trainConfig() {
    return new TrainConfig(
        learningRate, batchSize, epochs, patience, seed, minEpochs, Validation.parse(validation));
  }

  /** The startup error for a variant outside {@link #VARIANTS}. */
  static IllegalArgumentException unknownVariant(String variant) {
    return new IllegalArgumentException(
        "llmemb.trainer.variant (environment VARIANT) must be one of "
            + String.join(", ", VARIANTS)
            + ", was '"
            + variant
            + "'");
  }
}
