package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ml-1m {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp}) and {@code movies.dat}
 * ({@code MovieID::Title::Genres}), both latin-1 encoded.
 */
public final class MovieLens1mLoader implements DatasetLoader {

  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
  private static final String SEP = "::";
  private static final int MOVIE_FIELDS = 3;

  @Override
  public RawDataset load(DatasetFiles files) {
    return LoadFinisher.load(
        "movielens",
        "ml-1m",
        files,
        MovieLens1mLoader::readMovies,
        (file, sink, report) -> SeparatedRatings.read(file, LATIN_1, SEP, sink, report));
  }

  private static void readMovies(Path file, Map<String, RawItem> items, LoadReport report) {
    Pattern sep = Pattern.compile(Pattern.quote(SEP));
    TextLines.forEach(
        file,
        LATIN_1,
        (n, line) -> {
          if (line.isBlank()) {
            return;
          }
          String src = file.getFileName() + ":" + n;
          String[] f = sep.split(line, -1);
          if (f.length != MOVIE_FIELDS || f[0].isBlank()) {
            report.problem(
                LoadReport.MALFORMED,
                src,
                "expected MovieID::Title::Genres, found " + f.length + " fields");
            return;
          }
          LoadFinisher.putItem(
              items, new RawItem(f[0].trim(), MovieLensItems.fromTitle(f[1], f[2])), src, report);
        });
  }
}
