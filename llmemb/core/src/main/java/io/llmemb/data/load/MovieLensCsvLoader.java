package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.file.Path;
import java.util.Map;

/**
 * MovieLens {@code ratings.csv} ({@code userId,movieId,rating,timestamp}) and {@code movies.csv}
 * ({@code movieId,title,genres}, quoted titles with commas) of ml-latest, ml-latest-small, ml-20m,
 * ml-25m.
 */
public final class MovieLensCsvLoader implements DatasetLoader {

  @Override
  public RawDataset load(DatasetFiles files) {
    return LoadFinisher.load(
        "movielens",
        "movielens",
        files,
        MovieLensCsvLoader::readMovies,
        MovieLensCsvLoader::readRatings);
  }

  private static void readMovies(Path file, Map<String, RawItem> items, LoadReport report) {
    int[] col = new int[3];
    RecordLines.forEachCsv(
        file,
        header -> {
          Header h = Header.parse(file, header);
          col[0] = h.require("movieId");
          col[1] = h.require("title");
          col[2] = h.require("genres");
        },
        report,
        (f, src, n) -> {
          String id = f[col[0]].trim();
          if (id.isEmpty()) {
            throw new IllegalArgumentException("empty movieId");
          }
          LoadFinisher.putItem(
              items, new RawItem(id, MovieLensItems.fromTitle(f[col[1]], f[col[2]])), src, report);
        });
  }

  private static void readRatings(Path file, InteractionSink sink, LoadReport report) {
    int[] col = new int[4];
    String name = file.getFileName().toString();
    RecordLines.forEachCsv(
        file,
        header -> {
          Header h = Header.parse(file, header);
          col[0] = h.require("userId");
          col[1] = h.require("movieId");
          col[2] = h.require("rating");
          col[3] = h.require("timestamp");
        },
        report,
        (f, src, n) ->
            sink.accept(
                f[col[0]],
                f[col[1]],
                Long.parseLong(f[col[3]].trim()),
                Double.parseDouble(f[col[2]].trim()),
                name,
                n));
  }
}
