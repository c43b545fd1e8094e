package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ml-100k {@code u.data} (tab-separated {@code user item rating timestamp}) and {@code u.item}
 * ({@code id|title|release date|video release date|IMDb URL|} then 19 genre flags), latin-1
 * encoded.
 *
 * <p>The year comes from the title's {@code (Year)} or, failing that, from the release date ({@code
 * 01-Jan-1995}).
 */
public final class MovieLens100kLoader implements DatasetLoader {

  /** Genre names in flag order, as listed in ml-100k's {@code u.genre}. */
  public static final List<String> GENRES =
      List.of(
          "unknown",
          "Action",
          "Adventure",
          "Animation",
          "Children's",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Film-Noir",
          "Horror",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");

  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
  private static final int FIRST_FLAG = 5;
  private static final Pattern RELEASE_YEAR = Pattern.compile("\\d{1,2}-[A-Za-z]{3}-(\\d{4})");

  @Override
  public RawDataset load(DatasetFiles files) {
    return LoadFinisher.load(
        "movielens",
        "ml-100k",
        files,
        MovieLens100kLoader::readItems,
        (file, sink, report) -> SeparatedRatings.read(file, LATIN_1, "\t", sink, report));
  }

  private static void readItems(Path file, Map<String, RawItem> items, LoadReport report) {
    TextLines.forEach(
        file,
        LATIN_1,
        (n, line) -> {
          if (line.isBlank()) {
            return;
          }
          String src = file.getFileName() + ":" + n;
          String[] f = line.split("\\|", -1);
          if (f.length != FIRST_FLAG + GENRES.size() || f[0].isBlank()) {
            report.problem(
                LoadReport.MALFORMED,
                src,
                "expected "
                    + (FIRST_FLAG + GENRES.size())
                    + " '|'-separated fields, found "
                    + f.length);
            return;
          }
          List<String> genres = new ArrayList<>();
          for (int g = 0; g < GENRES.size(); g++) {
            if ("1".equals(f[FIRST_FLAG + g].trim()) && g > 0) {
              genres.add(GENRES.get(g));
            }
          }
          Map<String, Object> attrs = MovieLensItems.fromTitle(f[1], "");
          String year = (String) attrs.get(MovieLensItems.YEAR);
          Matcher m = RELEASE_YEAR.matcher(f[2].trim());
          if (year == null && m.matches()) {
            year = m.group(1);
          }
          String title = (String) attrs.get(MovieLensItems.TITLE);
          LoadFinisher.putItem(
              items, new RawItem(f[0].trim(), MovieLensItems.of(title, year, genres)), src, report);
        });
  }
}
