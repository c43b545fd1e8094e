package io.llmemb.trainer;

import ai.djl.ndarray.NDManager;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainResult;
import java.util.Map;

/**
 * A model fresh from a {@link ModelTrainer}, with the native memory that holds its weights.
 *
 * @param model the trained backbone (best validation weights loaded)
 * @param result training curve and best epoch
 * @param validation validation metrics of the best epoch (e.g. {@code valid.ndcg@10})
 * @param config hyperparameters as text, for the bundle's provenance
 * @param manager owner of the weights; {@link #close()} frees it
 */
public record TrainedModel(SequentialRecommender model, TrainResult result, Map<String, Double> validation,
    Map<String, String> config, NDManager manager) implements AutoCloseable {

  /** Copies the maps. */
  public TrainedModel {
    validation = Map.copyOf(validation);
    config = Map.copyOf(config);
  }

  @Override
  public void close() {
    manager.close();
  }
}
