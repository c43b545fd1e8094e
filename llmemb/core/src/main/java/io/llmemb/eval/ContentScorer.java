package io.llmemb.eval;

import java.util.List;
import java.util.Optional;

/**
 * Scores items by their text alone: the cosine similarity of an item's text vector to the user's
 * last {@code recent} items, averaged (equivalently, the dot product of the unit text vector with
 * the mean of the history's unit vectors). It needs no interaction with the item, which is why
 * {@link ExposurePolicy.YoungOrder#CONTENT} orders young items by it (docs/llmemb-method.md §11.1).
 *
 * <p>An item without a text vector (an all-zero row) scores {@link Float#NEGATIVE_INFINITY} and is
 * left out of the average (the window stays the last {@code recent} items, as in serving, where
 * each is a store read); a window with no vector at all scores every item 0.
 */
public final class ContentScorer implements CaseScorer {

  private final int numItems;
  private final int dim;
  private final int recent;
  private final float[] unit;
  private final boolean[] present;

  /**
   * @param textVectors row-major, {@code numItems} rows of {@code dim} floats: row i is item i + 1
   * @param dim width of a row
   * @param recent how many of the latest history items the similarity averages over, {@code >= 1}
   */
  public ContentScorer(float[] textVectors, int dim, int recent) {
    if (dim < 1 || textVectors.length % dim != 0) {
      throw new IllegalArgumentException(
          "text vectors of " + textVectors.length + " floats are not rows of " + dim);
    }
    if (recent < 1) {
      throw new IllegalArgumentException("recent must be >= 1, was " + recent);
    }
    this.dim = dim;
    this.recent = recent;
    this.numItems = textVectors.length / dim;
    this.unit = new float[textVectors.length];
    this.present = new boolean[numItems + 1];
    for (int i = 0; i < numItems; i++) {
      Optional<float[]> row = unit(textVectors, i * dim, dim);
      if (row.isPresent()) {
        present[i + 1] = true;
        System.arraycopy(row.get(), 0, unit, i * dim, dim);
      }
    }
  }

  /**
   * The {@code dim} floats of {@code vectors} from {@code from} scaled to unit length, or empty
   * when they have no direction (all zero, or not finite). The one normalisation of text vectors,
   * here and in serving's content order, so both compare the same way.
   */
  public static Optional<float[]> unit(float[] vectors, int from, int dim) {
    double norm = 0;
    for (int h = 0; h < dim; h++) {
      float v = vectors[from + h];
      norm += (double) v * v;
    }
    if (!(norm > 0) || !Double.isFinite(norm)) {
      return Optional.empty();
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[dim];
    for (int h = 0; h < dim; h++) {
      out[h] = vectors[from + h] * inv;
    }
    return Optional.of(out);
  }

  @Override
  public int numItems() {
    return numItems;
  }

  @Override
  public float[][] score(List<int[]> histories) {
    float[][] out = new float[histories.size()][];
    for (int c = 0; c < histories.size(); c++) {
      out[c] = score(histories.get(c));
    }
    return out;
  }

  private float[] score(int[] history) {
    float[] centroid = new float[dim];
    int used = 0;
    for (int i = history.length - 1; i >= Math.max(0, history.length - recent); i--) {
      int item = history[i];
      if (item < 1 || item > numItems || !present[item]) {
        continue;
      }
      int off = (item - 1) * dim;
      for (int h = 0; h < dim; h++) {
        centroid[h] += unit[off + h];
      }
      used++;
    }
    float[] row = new float[numItems + 1];
    for (int item = 1; item <= numItems; item++) {
      if (!present[item]) {
        row[item] = Float.NEGATIVE_INFINITY;
        continue;
      }
      if (used == 0) {
        continue;
      }
      int off = (item - 1) * dim;
      float s = 0;
      for (int h = 0; h < dim; h++) {
        s += unit[off + h] * centroid[h];
      }
      row[item] = s / used;
    }
    return row;
  }
}
