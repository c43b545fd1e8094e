package io.llmemb.trainer;

import io.llmemb.bundle.ServingModel;
import io.llmemb.eval.CaseScorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a new snapshot's items with an already released model, so the eval gate compares the
 * candidate and the current model on the same held-out targets. Items are matched by raw id: a
 * history keeps the items the released model knows; an item it does not know (new since its
 * training) gets the lowest score, as serving could not rank it either without a text view.
 */
public final class ReleasedModelScorer implements CaseScorer {

  /** Score of an item the released model cannot rank. */
  static final float UNKNOWN = -1e30f;

  private final ServingModel model;
  private final int[] toModelId;
  private final float[] vectors;
  private final int hidden;

  /**
   * @param model the released model (not closed here)
   * @param itemIds raw id of the snapshot's internal id i + 1
   */
  public ReleasedModelScorer(ServingModel model, List<String> itemIds) {
    this.model = model;
    Map<String, Integer> known = new HashMap<>();
    List<String> modelIds = model.itemIds();
    for (int i = 0; i < modelIds.size(); i++) {
      known.put(modelIds.get(i), i + 1);
    }
    toModelId = new int[itemIds.size() + 1];
    for (int i = 0; i < itemIds.size(); i++) {
      toModelId[i + 1] = known.getOrDefault(itemIds.get(i), 0);
    }
    vectors = model.itemVectors();
    hidden = model.hidden();
  }

  @Override
  public int numItems() {
    return toModelId.length - 1;
  }

  @Override
  public float[][] score(List<int[]> histories) {
    float[][] out = new float[histories.size()][];
    for (int c = 0; c < histories.size(); c++) {
      int[] history = histories.get(c).clone();
      for (int i = 0; i < history.length; i++) {
        history[i] = toModelId[history[i]];
      }
      float[] user = model.encodeUser(history);
      float[] row = new float[toModelId.length];
      for (int j = 1; j < toModelId.length; j++) {
        int m = toModelId[j];
        row[j] = m == 0 ? UNKNOWN : dot(user, (m - 1) * hidden);
      }
      out[c] = row;
    }
    return out;
  }

  private float dot(float[] user, int offset) {
    float s = 0;
    for (int h = 0; h < hidden; h++) {
      s += user[h] * vectors[offset + h];
    }
    return s;
  }
}
