package io.llmemb.experiment;

import ai.djl.ndarray.NDManager;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TrainResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One row kind of the experiment table (None, LLMEmb, an ablation, later the fused model): how to train a model of
 * that kind for one backbone and seed, and how to rebuild the trained model from its artifact for evaluation. The
 * pipeline iterates over variants; it knows nothing about what a variant does inside.
 */
public interface VariantTrainer {

  /** Row label in the report: {@code None}, {@code LLMEmb}, {@code w/o SCFT}, ... */
  String label();

  /** Which LLM embeddings the pipeline must provide in {@link VariantContext#embeddings()}. */
  TextSource text();

  /** Whether the variant reads the same seed's plain SASRec ({@link VariantContext#pretrainedSasrec()}). */
  boolean needsPretrainedSasrec();

  /** Whether it starts from the plain model of its own backbone, seed and regime ({@link VariantContext#plainModel}). */
  default boolean needsPlainModel() {
    return false;
  }

  /** The variant's own settings (config as data): hashed into its stage key, so a change retrains it. */
  Map<String, Object> settings();

  /**
   * Trains a model and writes into {@code dir} whatever {@link #load} needs to rebuild it.
   *
   * @return the training curve and best epoch
   */
  TrainResult train(VariantContext context, NDManager manager, Path dir) throws IOException;

  /** Rebuilds the trained model from {@code dir}, as written by {@link #train}. */
  SequentialRecommender load(VariantContext context, NDManager manager, Path dir) throws IOException;
}
