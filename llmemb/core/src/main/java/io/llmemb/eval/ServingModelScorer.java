package io.llmemb.eval;

import io.llmemb.bundle.ServingModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts a released model ({@link ServingModel}, loaded from a bundle) to {@link CaseScorer},
 * scoring as serving does: one user vector per history ({@link ServingModel#encodeUser}), dot
 * product with the bundle's item vectors. Items are matched by raw id, so the dataset and the
 * bundle may number them differently; an item the model does not know gets {@value #UNKNOWN} and a
 * history keeps only the items it knows.
 */
public final class ServingModelScorer implements CaseScorer {

  /** Score of an item the model cannot rank. */
  public static final float UNKNOWN = -1e30f;

  private final ServingModel model;
  private final int[] toModelId;
  private final float[] vectors;
  private final int hidden;

  /**
   * @param model the released model (not closed here)
   * @param itemIds raw id of the dataset's internal id i + 1
   */
  public ServingModelScorer(ServingModel model, List<String> itemIds) {
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
