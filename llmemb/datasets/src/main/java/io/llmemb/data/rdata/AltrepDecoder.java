package io.llmemb.data.rdata;

import io.llmemb.data.rdata.RObject.RInts;
import io.llmemb.data.rdata.RObject.RPairList;
import io.llmemb.data.rdata.RObject.RReals;
import io.llmemb.data.rdata.RObject.RStrings;
import java.util.Map;

/**
 * Expands the ALTREP classes that appear in saved data (R >= 3.5) into ordinary vectors: compact
 * integer/real sequences ({@code 1:n}, state {@code c(n, start, step)}), wrappers ({@code wrap_*},
 * state = pairlist of the wrapped vector and metadata) and deferred strings (state = pairlist of
 * the numeric source vector).
 */
final class AltrepDecoder {

  private AltrepDecoder() {}

  static RObject decode(String className, RObject state, Map<String, RObject> attributes) {
    switch (className) {
      case "compact_intseq":
        {
          double[] s = reals(className, state);
          int n = (int) s[0];
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            v[i] = (int) (s[1] + i * s[2]);
          }
          return new RInts(v, attributes);
        }
      case "compact_realseq":
        {
          double[] s = reals(className, state);
          double[] v = new double[(int) s[0]];
          for (int i = 0; i < v.length; i++) {
            v[i] = s[1] + i * s[2];
          }
          return new RReals(v, attributes);
        }
      case "deferred_string":
        return new RStrings(asStrings(first(className, state)), attributes);
      default:
        if (className.startsWith("wrap_")) {
          return RVectors.withAttributes(first(className, state), attributes);
        }
        throw new RFormatException("unsupported ALTREP class '" + className + "'");
    }
  }

  private static double[] reals(String cls, RObject state) {
    if (state instanceof RReals r && r.values().length == 3) {
      return r.values();
    }
    throw new RFormatException(
        "ALTREP " + cls + ": expected a length-3 double state, got " + state);
  }

  private static RObject first(String cls, RObject state) {
    if (state instanceof RPairList p && !p.values().isEmpty()) {
      return p.values().get(0);
    }
    if (state instanceof RObject.RList l && !l.values().isEmpty()) {
      return l.values().get(0);
    }
    throw new RFormatException("ALTREP " + cls + ": unexpected state " + state);
  }

  private static String[] asStrings(RObject source) {
    if (source instanceof RInts ints) {
      String[] out = new String[ints.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ints.values()[i] == RInts.NA ? null : Integer.toString(ints.values()[i]);
      }
      return out;
    }
    if (source instanceof RReals reals) {
      String[] out = new String[reals.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = RVectors.formatReal(reals.values()[i]);
      }
      return out;
    }
    if (source instanceof RStrings s) {
      return s.values();
    }
    throw new RFormatException("ALTREP deferred_string: unsupported source " + source);
  }
}
