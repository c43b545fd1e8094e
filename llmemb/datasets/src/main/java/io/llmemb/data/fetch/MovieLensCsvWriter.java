package io.llmemb.data.fetch;

import io.llmemb.data.rdata.RDataFrame;
import io.llmemb.data.rdata.RVectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the dslabs {@code movielens} data frame (one row per rating, movie columns repeated) as
 * ml-latest-small's {@code ratings.csv} (rows in data-frame order) and {@code movies.csv} (one row
 * per movie, by movieId), so the standard {@link io.llmemb.data.load.MovieLensCsvLoader} reads it.
 * Titles are written as {@code Title (Year)}.
 */
public final class MovieLensCsvWriter {

  /** Output file names, as in ml-latest-small. */
  public static final String RATINGS = "ratings.csv";

  public static final String MOVIES = "movies.csv";

  private MovieLensCsvWriter() {}

  /** Writes both files into {@code dir}; returns the number of ratings written. */
  public static int write(RDataFrame df, Path dir) throws IOException {
    String[] movie = RVectors.asStrings(df.column("movieId"));
    String[] title = RVectors.asStrings(df.column("title"));
    String[] year = RVectors.asStrings(df.column("year"));
    String[] genres = RVectors.asStrings(df.column("genres"));
    String[] user = RVectors.asStrings(df.column("userId"));
    double[] rating = RVectors.asDoubles(df.column("rating"));
    String[] time = RVectors.asStrings(df.column("timestamp"));
    Files.createDirectories(dir);
    Map<Long, String> movies = new TreeMap<>();
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(RATINGS), StandardCharsets.UTF_8)) {
      w.write("userId,movieId,rating,timestamp\n");
      for (int i = 0; i < movie.length; i++) {
        w.write(user[i] + "," + movie[i] + "," + formatRating(rating[i]) + "," + time[i] + "\n");
        // The dslabs snapshot lost the titles of a few TV series (NA title and year): write an
        // empty title.
        String base = title[i] == null ? "" : title[i];
        String fullTitle = year[i] == null ? base : base + " (" + year[i] + ")";
        String genre = genres[i] == null ? "(no genres listed)" : genres[i];
        movies.putIfAbsent(Long.parseLong(movie[i]), quote(fullTitle) + "," + quote(genre));
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(MOVIES), StandardCharsets.UTF_8)) {
      w.write("movieId,title,genres\n");
      for (Map.Entry<Long, String> e : movies.entrySet()) {
        w.write(e.getKey() + "," + e.getValue() + "\n");
      }
    }
    return movie.length;
  }

  /** ml-latest-small writes ratings with one decimal: 3.0, 2.5. */
  static String formatRating(double r) {
    return Double.toString(r);
  }

  /** RFC 4180: quote a field with a comma, quote or newline, doubling inner quotes. */
  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
