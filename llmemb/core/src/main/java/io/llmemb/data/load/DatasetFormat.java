package io.llmemb.data.load;

import io.llmemb.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The supported public layouts, with how their files are recognised in an input directory and which
 * loader reads them. Names are the {@code --format} values of the {@code prepare} command.
 */
public enum DatasetFormat {
  /** ml-latest, ml-latest-small, ml-20m, ml-25m. */
  MOVIELENS(
      "movielens",
      MovieLensCsvLoader::new,
      n -> n.startsWith("ratings.csv"),
      n -> n.startsWith("movies.csv")),
  /** ml-1m (and ml-10m, same layout). */
  ML_1M(
      "ml-1m",
      MovieLens1mLoader::new,
      n -> n.startsWith("ratings.dat"),
      n -> n.startsWith("movies.dat")),
  /** ml-100k. */
  ML_100K("ml-100k", MovieLens100kLoader::new, n -> n.equals("u.data"), n -> n.equals("u.item")),
  /** Amazon 2014 (McAuley): reviews_X.json.gz + meta_X.json.gz. */
  AMAZON_2014(
      "amazon2014",
      () -> new AmazonLoader("2014"),
      n -> n.startsWith("reviews_") && n.contains(".json"),
      n -> n.startsWith("meta_") && n.contains(".json")),
  /** Amazon 2018 (Ni et al.): X.json.gz or X_5.json.gz + meta_X.json.gz. */
  AMAZON_2018(
      "amazon2018",
      () -> new AmazonLoader("2018"),
      n -> !n.startsWith("meta_") && n.contains(".json"),
      n -> n.startsWith("meta_") && n.contains(".json")),
  /** Yelp academic dataset: (yelp_academic_dataset_)review.json + business.json. */
  YELP(
      "yelp",
      YelpLoader::new,
      n -> n.contains("review") && n.contains(".json"),
      n -> n.contains("business") && n.contains(".json"));

  private final String cliName;
  private final Supplier<DatasetLoader> loader;
  private final Predicate<String> interactionFile;
  private final Predicate<String> itemFile;

  DatasetFormat(
      String cliName,
      Supplier<DatasetLoader> loader,
      Predicate<String> interactionFile,
      Predicate<String> itemFile) {
    this.cliName = cliName;
    this.loader = loader;
    this.interactionFile = interactionFile;
    this.itemFile = itemFile;
  }

  /** The {@code --format} value. */
  public String cliName() {
    return cliName;
  }

  /** A fresh loader for this layout. */
  public DatasetLoader loader() {
    return loader.get();
  }

  /** Looks a format up by its {@code --format} value. */
  public static DatasetFormat of(String name) {
    for (DatasetFormat f : values()) {
      if (f.cliName.equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '"
            + name
            + "', expected one of "
            + Stream.of(values()).map(DatasetFormat::cliName).toList());
  }

  /**
   * Finds the interaction and item files among {@code inputs}: a directory is searched
   * (non-recursively), files are classified by name. The item file may be missing; the interaction
   * file may not.
   */
  public DatasetFiles resolve(List<Path> inputs) {
    List<Path> candidates = inputs.stream().flatMap(DatasetFormat::expand).toList();
    Path items =
        single(candidates.stream().filter(p -> itemFile.test(name(p))).toList(), "item metadata");
    Path inter =
        single(
            candidates.stream()
                .filter(p -> !p.equals(items) && interactionFile.test(name(p)))
                .toList(),
            "interaction");
    if (inter == null) {
      throw new DataFormatException("no " + cliName + " interaction file among " + candidates);
    }
    return new DatasetFiles(inter, items);
  }

  private Path single(List<Path> found, String what) {
    if (found.size() > 1) {
      throw new DataFormatException(
          "several " + cliName + " " + what + " files, pass one explicitly: " + found);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static String name(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static Stream<Path> expand(Path p) {
    if (!Files.isDirectory(p)) {
      if (!Files.isRegularFile(p)) {
        throw new DataFormatException("input " + p + " does not exist");
      }
      return Stream.of(p);
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(Files::isRegularFile).sorted().toList().stream();
    } catch (IOException e) {
      throw new DataFormatException(p, "cannot list directory", e);
    }
  }
}
