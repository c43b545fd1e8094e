package io.llmemb.trainer;

import ai.djl.ndarray.NDManager;
import io.llmemb.rat.LlmTable;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import java.util.Map;
import java.util.Optional;

/**
 * A model fresh from a {@link ModelTrainer}, with the native memory that holds its weights.
 *
 * @param model the trained backbone (best validation weights loaded)
 * @param result training curve and best epoch
 * @param validation validation metrics of the best epoch (e.g. {@code valid.ndcg@10})
 * @param config hyperparameters as text, for the bundle's provenance
 * @param text the item-text view the model was trained on; empty for a plain ID model
 * @param manager owner of the weights; {@link #close()} frees it
 */
public record TrainedModel(
    SequentialRecommender model,
    TrainResult result,
    Map<String, Double> validation,
    Map<String, String> config,
    Optional<TextView> text,
    NDManager manager)
    implements AutoCloseable {

  /**
   * Which LLM embeddings a text-aware model expects; serving must feed it vectors of exactly these
   * versions.
   *
   * @param llmVersion {@code ItemEmbedding.llmVersion} of the training embeddings
   * @param promptVersion {@code ItemEmbedding.promptVersion} of the training embeddings
   * @param embeddingDim raw embedding width (before PCA)
   */
  public record TextView(String llmVersion, String promptVersion, int embeddingDim) {}

  /** Copies the maps. */
  public TrainedModel {
    validation = Map.copyOf(validation);
    config = Map.copyOf(config);
  }

  /**
   * A model trained over an LLM table: its text view is the table's encoder, prompt version and raw
   * width, and the validation numbers are {@link #validationOf}'s.
   */
  public static TrainedModel withText(
      SequentialRecommender model,
      TrainResult result,
      Map<String, String> config,
      LlmTable table,
      NDManager manager) {
    return new TrainedModel(
        model,
        result,
        validationOf(result),
        config,
        Optional.of(new TextView(table.llmVersion(), table.promptVersion(), table.rawDim())),
        manager);
  }

  /** The validation numbers every trainer reports: best validation NDCG@10 and its epoch. */
  public static Map<String, Double> validationOf(TrainResult result) {
    return Map.of(
        "valid.ndcg@10", result.bestValidNdcg(), "best.epoch", (double) result.bestEpoch());
  }

  @Override
  public void close() {
    manager.close();
  }
}
