package io.llmemb.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.NoGrad;
import io.llmemb.srs.SequentialRecommender;
import java.util.List;

/**
 * Adapts a {@link SequentialRecommender} to {@link CaseScorer}: one padded input upload and one
 * matmul per batch.
 */
public final class RecommenderScorer implements CaseScorer {

  private final SequentialRecommender model;

  /**
   * @param model the trained model (scored in inference mode)
   */
  public RecommenderScorer(SequentialRecommender model) {
    this.model = model;
  }

  @Override
  public int numItems() {
    return model.numItems();
  }

  @Override
  public float[][] score(List<int[]> histories) {
    int len = model.config().maxLen();
    int b = histories.size();
    int[] ids = new int[b * len];
    for (int i = 0; i < b; i++) {
      model.predictionRow(histories.get(i), ids, i * len);
    }
    int cols = model.numItems() + 1;
    float[] flat;
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      NDManager m = model.parameters().manager();
      NDArray scores = model.scoreAll(m.create(ids, new Shape(b, len)));
      flat = scores.toFloatArray();
      scope.suppressNotUsedWarning();
    }
    float[][] out = new float[b][cols];
    for (int i = 0; i < b; i++) {
      System.arraycopy(flat, i * cols, out[i], 0, cols);
    }
    return out;
  }
}
