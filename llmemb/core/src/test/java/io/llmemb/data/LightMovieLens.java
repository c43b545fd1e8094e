package io.llmemb.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lighter real-data fixture for end-to-end tests: the ml-subset ratings of the users with at most
 * {@value #MAX_RATINGS} ratings (88 users; about 300 items after the 5/5 core filter), with the
 * full movies file. Fewer items keep the embedding stage short, and short histories leave enough
 * items for 100 sampled negatives.
 */
public final class LightMovieLens {

  /** Users with more ratings are left out. */
  static final int MAX_RATINGS = 150;

  private LightMovieLens() {}

  /**
   * Writes {@code ratings.csv} and {@code movies.csv} into {@code dir} (created) and returns it.
   */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> lines =
        Files.readAllLines(MlSubset.dir().resolve("ratings.csv"), StandardCharsets.UTF_8);
    Map<String, Integer> perUser = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      perUser.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum);
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
      w.write(lines.get(0));
      w.newLine();
      for (String line : lines.subList(1, lines.size())) {
        if (perUser.get(line.substring(0, line.indexOf(','))) <= MAX_RATINGS) {
          w.write(line);
          w.newLine();
        }
      }
    }
    Files.copy(MlSubset.dir().resolve("movies.csv"), dir.resolve("movies.csv"));
    return dir;
  }
}
