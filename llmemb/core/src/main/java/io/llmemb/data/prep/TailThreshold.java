package io.llmemb.data.prep;

/**
 * How the long-tail item threshold {@code ts_item} is chosen: a fixed value (the paper's
 * per-dataset scripts, docs/llmemb-method.md §1) or {@code auto}, the Pareto cut of §8/§9 that
 * makes about {@code tailFraction} of the items tail.
 *
 * @param fixed the threshold when fixed, else 0
 * @param tailFraction target share of tail items when automatic (0.8 for the Pareto-80 cut), else 0
 */
public record TailThreshold(int fixed, double tailFraction) {

  /** Share of items in the tail for {@code auto}: Pareto 80/20 (§8). */
  public static final double PARETO_TAIL_FRACTION = 0.8;

  public TailThreshold {
    boolean isFixed = fixed > 0 && tailFraction == 0;
    boolean isAuto = fixed == 0 && tailFraction > 0 && tailFraction < 1;
    if (!isFixed && !isAuto) {
      throw new IllegalArgumentException(
          "TailThreshold needs fixed > 0 xor 0 < tailFraction < 1, got fixed="
              + fixed
              + ", tailFraction="
              + tailFraction);
    }
  }

  /** The Pareto-80 cut. */
  public static TailThreshold auto() {
    return new TailThreshold(0, PARETO_TAIL_FRACTION);
  }

  /** A fixed threshold. */
  public static TailThreshold of(int threshold) {
    return new TailThreshold(threshold, 0);
  }

  /** Parses {@code auto}, {@code auto:0.7} or a positive integer. */
  public static TailThreshold parse(String text) {
    String t = text.trim();
    if (t.equals("auto")) {
      return auto();
    }
    try {
      if (t.startsWith("auto:")) {
        return new TailThreshold(0, Double.parseDouble(t.substring("auto:".length())));
      }
      return of(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "tail threshold must be 'auto', 'auto:<fraction>' or an integer, was '" + text + "'", e);
    }
  }

  /** True for {@code auto}. */
  public boolean isAuto() {
    return tailFraction > 0;
  }

  /**
   * The threshold for these popularities (index 0 unused): the fixed value, or the smallest {@code
   * t} such that at least {@code tailFraction} of the items have popularity {@code < t}.
   */
  public int resolve(int[] popularity) {
    if (!isAuto()) {
      return fixed;
    }
    int n = popularity.length - 1;
    int max = 0;
    for (int i = 1; i <= n; i++) {
      max = Math.max(max, popularity[i]);
    }
    int[] histogram = new int[max + 1];
    for (int i = 1; i <= n; i++) {
      histogram[popularity[i]]++;
    }
    long below = 0;
    for (int t = 1; t <= max + 1; t++) {
      below += histogram[t - 1];
      if (below >= Math.ceil(tailFraction * n)) {
        return t;
      }
    }
    return max + 1;
  }

  @Override
  public String toString() {
    return isAuto()
        ? (tailFraction == PARETO_TAIL_FRACTION ? "auto" : "auto:" + tailFraction)
        : Integer.toString(fixed);
  }
}
