package io.llmemb.data.rdata;

import io.llmemb.data.rdata.RObject.RInts;
import io.llmemb.data.rdata.RObject.RList;
import io.llmemb.data.rdata.RObject.RLogicals;
import io.llmemb.data.rdata.RObject.RPairList;
import io.llmemb.data.rdata.RObject.RRaw;
import io.llmemb.data.rdata.RObject.RReals;
import io.llmemb.data.rdata.RObject.RStrings;
import java.math.BigDecimal;
import java.util.Map;

/** Small conversions on decoded R vectors. */
public final class RVectors {

  private static final int R_DIGITS = 15;

  private RVectors() {}

  /**
   * The same vector with other attributes (ALTREP wrappers carry attributes outside the wrapped
   * payload).
   */
  static RObject withAttributes(RObject v, Map<String, RObject> attrs) {
    if (attrs.isEmpty()) {
      return v;
    }
    if (v instanceof RInts x) {
      return new RInts(x.values(), attrs);
    } else if (v instanceof RReals x) {
      return new RReals(x.values(), attrs);
    } else if (v instanceof RStrings x) {
      return new RStrings(x.values(), attrs);
    } else if (v instanceof RLogicals x) {
      return new RLogicals(x.values(), attrs);
    } else if (v instanceof RList x) {
      return new RList(x.values(), attrs);
    } else if (v instanceof RRaw x) {
      return new RRaw(x.values(), attrs);
    } else if (v instanceof RPairList x) {
      return new RPairList(x.tags(), x.values(), attrs);
    }
    throw new RFormatException("cannot attach attributes to " + v);
  }

  /** R's {@code as.character} of a double, up to 15 significant digits; NA/NaN give null. */
  public static String formatReal(double d) {
    if (Double.isNaN(d)) {
      return null;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    BigDecimal b =
        new BigDecimal(d).round(new java.math.MathContext(R_DIGITS)).stripTrailingZeros();
    return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
  }

  /**
   * The character values of a vector as strings: factors map codes to levels, numbers are
   * formatted.
   */
  public static String[] asStrings(RObject v) {
    if (v instanceof RInts ints && ints.attribute("levels") instanceof RStrings levels) {
      String[] out = new String[ints.values().length];
      for (int i = 0; i < out.length; i++) {
        int code = ints.values()[i];
        out[i] = code == RInts.NA ? null : levels.values()[code - 1];
      }
      return out;
    }
    if (v instanceof RStrings s) {
      return s.values();
    }
    if (v instanceof RInts ints) {
      String[] out = new String[ints.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ints.values()[i] == RInts.NA ? null : Integer.toString(ints.values()[i]);
      }
      return out;
    }
    if (v instanceof RReals reals) {
      String[] out = new String[reals.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = formatReal(reals.values()[i]);
      }
      return out;
    }
    throw new RFormatException("not a character-like vector: " + v.getClass().getSimpleName());
  }

  /** The values of a numeric vector as doubles; NA becomes NaN. */
  public static double[] asDoubles(RObject v) {
    if (v instanceof RReals r) {
      return r.values();
    }
    if (v instanceof RInts i && i.attribute("levels") == null) {
      double[] out = new double[i.values().length];
      for (int k = 0; k < out.length; k++) {
        out[k] = i.values()[k] == RInts.NA ? Double.NaN : i.values()[k];
      }
      return out;
    }
    throw new RFormatException("not a numeric vector: " + v.getClass().getSimpleName());
  }
}
