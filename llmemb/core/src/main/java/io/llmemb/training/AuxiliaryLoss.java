package io.llmemb.training;

import ai.djl.ndarray.NDArray;
import io.llmemb.srs.TrainBatch;

/**
 * An extra training term added to the backbone's loss for the same batch, e.g. the RAT alignment
 * loss of docs/llmemb-method.md §4 ({@code L_RAT = L_SRS + α·L_align}, computed over the items at
 * the labelled positions, {@link TrainBatch#positives()} != 0).
 */
@FunctionalInterface
public interface AuxiliaryLoss {

  /** No extra term. */
  AuxiliaryLoss NONE = batch -> null;

  /**
   * @param batch the training batch the backbone loss is computed on
   * @return a scalar in the computation graph, already weighted, or null for no contribution
   */
  NDArray compute(TrainBatch batch);
}
