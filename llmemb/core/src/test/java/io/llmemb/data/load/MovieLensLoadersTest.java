package io.llmemb.data.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensLoadersTest {

  @TempDir Path tmp;

  private static RawDataset load(DatasetFormat f, String fixture) {
    return f.loader().load(f.resolve(List.of(Fixtures.dir(fixture))));
  }

  @Test
  void mlLatestCsvWithQuotedTitlesYearsAndNoGenres() {
    RawDataset ds = load(DatasetFormat.MOVIELENS, "ml-latest-small");
    LoadReport r = ds.report();
    assertEquals("movielens", ds.kind());
    assertEquals(14, ds.items().size());
    assertEquals(2, r.get(LoadReport.MALFORMED), r.examples().toString());
    assertTrue(
        r.examples().get(LoadReport.MALFORMED).stream()
            .anyMatch(e -> e.startsWith("movies.csv:7")));
    assertTrue(
        r.examples().get(LoadReport.MALFORMED).stream()
            .anyMatch(e -> e.startsWith("ratings.csv:11")));
    assertEquals(1, r.get(LoadReport.EMPTY_USER));
    assertEquals(1, r.get(LoadReport.UNKNOWN_ITEM));
    assertEquals(31, ds.interactions().size());

    assertEquals(
        Map.of(
            "title",
            "American President, The",
            "year",
            "1995",
            "genres",
            List.of("Comedy", "Drama", "Romance")),
        ds.items().get("11").attributes());
    assertEquals(
        "City of Lost Children, The (Cité des enfants perdus, La)",
        ds.items().get("29").attributes().get("title"));
    assertEquals("\"Great Performances\" Cats", ds.items().get("4649").attributes().get("title"));
    assertEquals("2007", ds.items().get("108548").attributes().get("year"));
    Map<String, Object> noYear = ds.items().get("143410").attributes();
    assertEquals(
        List.of("title", "genres"), List.copyOf(noYear.keySet()), "key order, year absent");
    assertEquals(List.of(), noYear.get("genres"), "(no genres listed) becomes an empty list");
    Interaction first = ds.interactions().get(0);
    assertEquals(new Interaction("1", "11", 1260759041L, 2.5, "ratings.csv", 2), first);
  }

  @Test
  void missingHeaderColumnIsStructuralError() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("ratings.csv"), "userId,itemId,rating,timestamp\n1,2,3.0,4\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> load(DatasetFormat.MOVIELENS, dir));
    assertTrue(
        e.getMessage().contains("ratings.csv:1") && e.getMessage().contains("movieId"),
        e.getMessage());
  }

  @Test
  void fileWithoutAnyUsableRowIsStructuralError() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2,x,4\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> load(DatasetFormat.MOVIELENS, dir));
    assertTrue(e.getMessage().contains("malformed rows=1"), e.getMessage());
  }

  @Test
  void gzippedRatingsAreStreamed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("gz"));
    try (var out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("ratings.csv.gz")))) {
      out.write("userId,movieId,rating,timestamp\n1,2,3.0,4\n".getBytes(StandardCharsets.UTF_8));
    }
    RawDataset ds = load(DatasetFormat.MOVIELENS, dir);
    assertEquals(1, ds.interactions().size());
    assertEquals(
        0, ds.report().get(LoadReport.UNKNOWN_ITEM), "no item file: nothing to compare against");
  }

  private static RawDataset load(DatasetFormat f, Path dir) {
    return f.loader().load(f.resolve(List.of(dir)));
  }

  @Test
  void ml1mDoubleColonLatin1() {
    RawDataset ds = load(DatasetFormat.ML_1M, "ml-1m");
    assertEquals(6, ds.items().size());
    assertEquals("Double Vie de Véronique, La", ds.items().get("1176").attributes().get("title"));
    assertEquals(
        List.of("Animation", "Children's", "Comedy"),
        ds.items().get("1").attributes().get("genres"));
    assertEquals(2, ds.report().get(LoadReport.MALFORMED), ds.report().examples().toString());
    assertTrue(
        ds.report().examples().get(LoadReport.MALFORMED).stream()
            .anyMatch(e -> e.startsWith("ratings.dat:6")));
    assertEquals(16, ds.interactions().size());
  }

  @Test
  void ml100kTabAndPipeWithGenreFlags() {
    RawDataset ds = load(DatasetFormat.ML_100K, "ml-100k");
    assertEquals(7, ds.items().size());
    assertEquals(
        Map.of(
            "title",
            "GoldenEye",
            "year",
            "1995",
            "genres",
            List.of("Action", "Adventure", "Thriller")),
        ds.items().get("2").attributes());
    assertEquals(
        "1997", ds.items().get("1300").attributes().get("year"), "year from the release date");
    assertEquals("Café au lait", ds.items().get("1651").attributes().get("title"));
    assertFalse(ds.items().get("267").attributes().containsKey("year"));
    assertEquals(
        List.of(), ds.items().get("267").attributes().get("genres"), "'unknown' flag is no genre");
    assertEquals(2, ds.report().get(LoadReport.MALFORMED));
    assertEquals(16, ds.interactions().size());
  }
}
