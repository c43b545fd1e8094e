package io.llmemb.data.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds MovieLens item attributes in the order the prompts use (docs/llmemb-method.md §8): {@code
 * title}, {@code year}, {@code genres} (a list). Shared by the three MovieLens file layouts.
 */
public final class MovieLensItems {

  /** Attribute keys. */
  public static final String TITLE = "title";

  public static final String YEAR = "year";
  public static final String GENRES = "genres";

  /** MovieLens' marker for a movie without genres; it becomes an empty list. */
  public static final String NO_GENRES = "(no genres listed)";

  /** {@code Title (1995)}; TV series have ranges like {@code (2007-)} or {@code (2007-2013)}. */
  private static final Pattern TITLE_YEAR =
      Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-\u2013]\\d{0,4})?\\)\\s*$");

  private MovieLensItems() {}

  /**
   * Attributes from a MovieLens title that may carry {@code (Year)} and a {@code |}-separated genre
   * list.
   */
  public static Map<String, Object> fromTitle(String rawTitle, String pipeGenres) {
    String title = rawTitle.trim();
    String year = null;
    Matcher m = TITLE_YEAR.matcher(title);
    if (m.matches() && !m.group(1).isEmpty()) {
      title = m.group(1);
      year = m.group(2);
    }
    return of(title, year, splitGenres(pipeGenres));
  }

  /** Attributes from separate fields; a blank {@code title} or {@code year} is left out. */
  public static Map<String, Object> of(String title, String year, List<String> genres) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (title != null && !title.isBlank()) {
      attrs.put(TITLE, title);
    }
    if (year != null && !year.isBlank()) {
      attrs.put(YEAR, year);
    }
    attrs.put(GENRES, List.copyOf(genres));
    return attrs;
  }

  /** Splits {@code Action|Comedy}; {@code (no genres listed)} and blanks give an empty list. */
  public static List<String> splitGenres(String pipeGenres) {
    String g = pipeGenres == null ? "" : pipeGenres.trim();
    if (g.isEmpty() || g.equals(NO_GENRES)) {
      return List.of();
    }
    return new ArrayList<>(
        Arrays.stream(g.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
