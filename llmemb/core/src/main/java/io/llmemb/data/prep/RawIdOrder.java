package io.llmemb.data.prep;

import java.util.Comparator;

/**
 * Orders raw ids as the official pandas pipeline does for the id column's type: numerically when
 * both ids are integers (MovieLens), lexicographically otherwise (Amazon asin, Yelp ids). Integers
 * sort before text.
 */
public final class RawIdOrder implements Comparator<String> {

  /** Shared instance. */
  public static final RawIdOrder INSTANCE = new RawIdOrder();

  private static final int MAX_LONG_DIGITS = 18;

  private RawIdOrder() {}

  @Override
  public int compare(String a, String b) {
    boolean na = isInteger(a);
    boolean nb = isInteger(b);
    if (na && nb) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isInteger(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start || s.length() - start > MAX_LONG_DIGITS) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
