package io.llmemb.experiment.report;

import java.util.Locale;

/**
 * Relative gain of a variant over the plain backbone, (X − X_None) / X_None, formatted as the paper
 * does (§6 of the docs/llmemb-method.md): a signed percentage below a doubling, and the ratio "×k"
 * from 2× upwards (the paper writes +158% but ×16; we switch at exactly 2× so small and large gains
 * both stay readable).
 */
public final class RelativeGain {

  /** At and above this ratio X / X_None the gain is written as "×k" rather than a percentage. */
  public static final double RATIO_THRESHOLD = 2.0;

  /** Rendered when the baseline is zero or missing, so no gain is defined. */
  public static final String UNDEFINED = "n/a";

  private RelativeGain() {}

  /** (x − base) / base, or NaN when base is zero. */
  public static double of(double x, double base) {
    return base == 0 ? Double.NaN : (x - base) / base;
  }

  /**
   * Formats a gain computed by {@link #of}: "+12.3%", "-4.0%", "×2.58", or {@link #UNDEFINED} for
   * NaN.
   */
  public static String format(double gain) {
    if (Double.isNaN(gain)) {
      return UNDEFINED;
    }
    double ratio = gain + 1;
    if (ratio >= RATIO_THRESHOLD) {
      return String.format(Locale.ROOT, "×%.2f", ratio);
    }
    return String.format(Locale.ROOT, "%+.1f%%", gain * 100);
  }
}
