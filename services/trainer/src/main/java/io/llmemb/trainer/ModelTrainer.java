package io.llmemb.trainer;

import io.llmemb.data.PreparedDataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains one kind of model on a prepared snapshot ({@link VariantModelTrainer}: the plain ID
 * backbone, RAT or the fused model, chosen by {@code llmemb.trainer.variant}).
 */
public interface ModelTrainer {

  /**
   * Trains on the train sequences of {@code data}, early-stopping on its validation targets; test
   * targets are not touched (the job evaluates them).
   *
   * @param workDir scratch directory for checkpoints; deleted by the caller
   * @return the trained model and its validation metrics; the caller closes it
   */
  TrainedModel train(PreparedDataset data, Path workDir) throws IOException;
}
