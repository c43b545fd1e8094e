package io.llmemb.fuse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.training.AdamOptimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the text view where the ID model already is: the adapter is fitted, by mean squared error
 * over the warm items, to reproduce a trained ID table from the items' text (full batch, Adam).
 * Afterwards a cold item's text vector is the ID vector its text predicts, on the ID table's scale,
 * instead of a random projection whose norm has nothing to do with the ID rows it is ranked against
 * (which puts untrained items at the top of full-ranking lists). This is the content →
 * collaborative mapping of cold-start work (DropoutNet, Heater), used as a start.
 */
final class TextViewFit {

  private static final Logger LOG = LoggerFactory.getLogger(TextViewFit.class);

  /** Full-batch Adam steps: the adapter is a few thousand parameters over a few thousand rows. */
  static final int STEPS = 300;

  /** Adam learning rate of the fit. */
  static final double LEARNING_RATE = 1e-2;

  private TextViewFit() {}

  /**
   * Fits the adapter's weights in {@code params} so that {@code text.adapted(warm ids)} ≈ the ID
   * rows.
   *
   * @param text the text view
   * @param params the model's parameters; only the adapter layers are changed
   * @param idTable the trained ID table, [rows][H] row-major with at least the items' rows
   * @param counts training interactions per item: the rows fitted are those with a count above zero
   * @return mean squared error per value before and after
   */
  static double[] fit(
      AdapterEmbeddings text, Map<String, NDArray> params, float[] idTable, ItemCounts counts) {
    Map<String, NDArray> adapter = new LinkedHashMap<>();
    params.forEach(
        (name, value) -> {
          if (name.startsWith(AdapterEmbeddings.ADAPTER_PREFIX + ".")) {
            adapter.put(name, value);
          }
        });
    if (adapter.isEmpty()) {
      throw new IllegalStateException("no adapter parameters to fit");
    }
    int hidden = text.hidden();
    int[] warm =
        IntStream.rangeClosed(1, counts.numItems()).filter(i -> counts.count(i) > 0).toArray();
    float[] target = new float[warm.length * hidden];
    for (int r = 0; r < warm.length; r++) {
      System.arraycopy(idTable, warm[r] * hidden, target, r * hidden, hidden);
    }
    AdamOptimizer optimizer = new AdamOptimizer(adapter, LEARNING_RATE);
    double first = Double.NaN;
    double last = Double.NaN;
    NDManager manager = text.llmMatrix().getManager();
    try (NDManager local = manager.newSubManager()) {
      NDArray ids = local.create(warm);
      NDArray y = local.create(target, new Shape(warm.length, hidden));
      for (int step = 0; step < STEPS; step++) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = text.adapted(ids, false).sub(y).square().mean();
          collector.backward(loss);
          last = loss.getFloat();
          scope.suppressNotUsedWarning();
        }
        if (step == 0) {
          first = last;
        }
        optimizer.step();
      }
    }
    LOG.info(
        "text view fitted to the ID table over {} warm items: MSE {} -> {}",
        warm.length,
        String.format("%.5f", first),
        String.format("%.5f", last));
    return new double[] {first, last};
  }
}
