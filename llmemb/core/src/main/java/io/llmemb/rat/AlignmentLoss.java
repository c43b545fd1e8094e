package io.llmemb.rat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.Scalars;
import io.llmemb.srs.Layers;
import io.llmemb.srs.TrainBatch;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.training.ContrastiveLoss;
import java.util.Arrays;
import java.util.Random;

/**
 * The RAT collaborative alignment of docs/llmemb-method.md §4: over the target items at every
 * labelled position of the batch ({@code positives != 0}, duplicates kept), X = E_srs[items] (item
 * table of a pre-trained plain SASRec, frozen) and Y = adapter(E_llm[items]) are pulled together by
 * the official soft-target symmetric cross-entropy ({@link ContrastiveLoss#CODE}: logits X·Yᵀ/τ,
 * targets row-softmax(τ·(X·Xᵀ + Y·Yᵀ)/2)); the term added to the backbone loss is α·L_align with
 * the scripts' α = {@value #DEFAULT_ALPHA}, τ = {@value #DEFAULT_TAU}.
 *
 * <p>The matrices are rows × rows: with SASRec's all-position labels that is up to B·L rows (trap
 * §7.14). By default every row is used; {@code maxRows > 0} caps them by a seeded uniform subsample
 * (a documented deviation for memory, off by default).
 */
public final class AlignmentLoss implements AuxiliaryLoss {

  /** The scripts' α (yelp/rat/llmemb.bash). */
  public static final float DEFAULT_ALPHA = 0.01f;

  /** The scripts' τ. */
  public static final float DEFAULT_TAU = 2f;

  private final NDArray srs;
  private final AdapterEmbeddings items;
  private final float alpha;
  private final NDArray tau;
  private final int maxRows;
  private final Random rng;

  /**
   * @param srsTable E_srs as row-major [N+1, H] (row 0 padding), frozen
   * @param items the adapter provider being trained
   * @param alpha weight α (0 switches the term off: the "w/o align" ablation)
   * @param tau temperature τ
   * @param maxRows cap on aligned rows per batch, 0 = all (faithful)
   * @param seed seed of the subsample when capped
   */
  public AlignmentLoss(
      float[] srsTable, AdapterEmbeddings items, float alpha, float tau, int maxRows, long seed) {
    int rows = items.source().numItems() + 1;
    int h = items.hidden();
    if (srsTable.length != (long) rows * h) {
      throw new IllegalArgumentException(
          "E_srs has "
              + srsTable.length
              + " values, the adapter needs ["
              + rows
              + ", "
              + h
              + "]: the pre-trained SASRec must use the same items and hidden size");
    }
    if (!(alpha >= 0) || !(tau > 0) || maxRows < 0) {
      throw new IllegalArgumentException(
          "need alpha >= 0, tau > 0, maxRows >= 0; got " + alpha + ", " + tau + ", " + maxRows);
    }
    NDManager m = items.llmMatrix().getManager();
    this.srs = m.create(srsTable, new Shape(rows, h));
    this.items = items;
    this.alpha = alpha;
    this.tau = m.create(tau);
    this.maxRows = maxRows;
    this.rng = new Random(seed);
  }

  /** With the scripts' α, τ and every row. */
  public static AlignmentLoss paper(float[] srsTable, AdapterEmbeddings items) {
    return new AlignmentLoss(srsTable, items, DEFAULT_ALPHA, DEFAULT_TAU, 0, 0);
  }

  @Override
  public NDArray compute(TrainBatch batch) {
    if (alpha == 0f) {
      return null;
    }
    int[] ids = Arrays.stream(batch.positives()).filter(i -> i != 0).toArray();
    if (ids.length == 0) {
      return null;
    }
    return Scalars.mul(unweighted(subsample(ids)), alpha);
  }

  /**
   * L_align over the given items (no α), in the graph.
   *
   * @param itemIds ids in 1..N, duplicates allowed
   */
  public NDArray unweighted(int[] itemIds) {
    NDArray ids = srs.getManager().create(itemIds);
    NDArray x = Layers.lookup(srs, ids);
    NDArray y = items.adapted(ids, true);
    return ContrastiveLoss.CODE.compute(x, y, tau);
  }

  private int[] subsample(int[] ids) {
    if (maxRows == 0 || ids.length <= maxRows) {
      return ids;
    }
    for (int i = 0; i < maxRows; i++) {
      int j = i + rng.nextInt(ids.length - i);
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return Arrays.copyOf(ids, maxRows);
  }
}
