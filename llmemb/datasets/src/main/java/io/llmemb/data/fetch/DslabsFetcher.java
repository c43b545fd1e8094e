package io.llmemb.data.fetch;

import io.llmemb.data.rdata.RDataFrame;
import io.llmemb.data.rdata.RLazyLoadDb;
import io.llmemb.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the project's default dataset, MovieLens ml-latest-small, from Debian's {@code
 * r-cran-dslabs} package (platform notes, last section): {@code apt-get download}, checksum, {@code
 * dpkg-deb -x}, read the R lazy-load database with our own reader, write {@code ratings.csv}/{@code
 * movies.csv} + {@code SHA256SUMS} + {@code README.txt} into the cache directory. A cache whose
 * checksums verify is left alone.
 */
public final class DslabsFetcher {

  /** Pinned Debian package. */
  public static final String PACKAGE = "r-cran-dslabs";

  public static final String VERSION = "0.7.4-1";
  public static final String DEB_FILE = PACKAGE + "_" + VERSION + "_all.deb";
  public static final String DEB_SHA256 =
      "c3f93382c44d4581de9561792a87b110cb239c70771cac5ad63fa0a259e71ef3";

  /** The lazy-load database inside the package and the object holding the ratings. */
  public static final String RDATA_BASE = "usr/lib/R/site-library/dslabs/data/Rdata";

  public static final String OBJECT = "movielens";

  /** Checksums of our conversion's output: a reader or writer regression cannot pass silently. */
  public static final String RATINGS_SHA256 =
      "b4239649fbf90ebf405c56c3ae1d929d9e7c86fc1a3a80cbef1c884df593ef73";

  public static final String MOVIES_SHA256 =
      "dd43da0fcff532dce64eb7823df3cdbe425a63e54cc0180a3a6cb01999ddb659";

  /** Files of the cache. */
  public static final String SUMS = "SHA256SUMS";

  public static final String README = "README.txt";

  private static final Logger LOG = LoggerFactory.getLogger(DslabsFetcher.class);
  private static final List<String> DATA_FILES =
      List.of(MovieLensCsvWriter.RATINGS, MovieLensCsvWriter.MOVIES);
  private static final List<String> MISSING_LISTS =
      List.of(
          "unable to locate package",
          "has no installation candidate",
          "can't select",
          "no packages found");

  private final Path cacheDir;
  private final Path workDir;
  private final CommandRunner runner;

  /** A fetcher writing into {@code cacheDir}, downloading and extracting under {@code workDir}. */
  public DslabsFetcher(Path cacheDir, Path workDir, CommandRunner runner) {
    this.cacheDir = cacheDir.toAbsolutePath();
    this.workDir = workDir.toAbsolutePath();
    this.runner = runner;
  }

  /** Outcome of {@link #fetch()}. */
  public record Result(Path dir, boolean fromCache, int ratings) {}

  /** Makes sure the cache holds verified files; returns where they are. */
  public Result fetch() {
    if (cacheIsValid(cacheDir)) {
      LOG.info("MovieLens cache {} verified against {}, nothing to do", cacheDir, SUMS);
      return new Result(cacheDir, true, -1);
    }
    try {
      Files.createDirectories(workDir);
      Path deb = download();
      Path extracted = workDir.resolve("extracted");
      run(List.of("dpkg-deb", "-x", deb.toString(), extracted.toString()), "extract " + deb);
      RDataFrame df = RDataFrame.of(RLazyLoadDb.open(extracted.resolve(RDATA_BASE)).get(OBJECT));
      int n = MovieLensCsvWriter.write(df, cacheDir);
      Files.writeString(cacheDir.resolve(README), readme(), StandardCharsets.UTF_8);
      String ratingsSha = verify(MovieLensCsvWriter.RATINGS, RATINGS_SHA256);
      String moviesSha = verify(MovieLensCsvWriter.MOVIES, MOVIES_SHA256);
      String sums =
          ratingsSha
              + "  "
              + MovieLensCsvWriter.RATINGS
              + "\n"
              + moviesSha
              + "  "
              + MovieLensCsvWriter.MOVIES
              + "\n";
      Files.writeString(cacheDir.resolve(SUMS), sums, StandardCharsets.UTF_8);
      LOG.info("Wrote {} ratings of ml-latest-small (dslabs {}) to {}", n, VERSION, cacheDir);
      return new Result(cacheDir, false, n);
    } catch (IOException e) {
      throw new FetchException("fetching " + PACKAGE + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while fetching " + PACKAGE, e);
    }
  }

  /**
   * True when {@code dir} has a {@code SHA256SUMS} whose every listed data file exists and matches.
   */
  public static boolean cacheIsValid(Path dir) {
    Path sums = dir.resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(sums)) {
      List<String[]> entries =
          lines.filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+", 2)).toList();
      if (entries.size() != DATA_FILES.size()) {
        return false;
      }
      for (String[] e : entries) {
        Path f = dir.resolve(e[1].replaceFirst("^\\*", ""));
        if (e.length != 2 || !Files.isRegularFile(f) || !Sha256.of(f).equals(e[0])) {
          LOG.warn(
              "MovieLens cache {}: {} does not match its checksum, fetching again",
              dir,
              f.getFileName());
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Path download() throws IOException, InterruptedException {
    Path deb = workDir.resolve(DEB_FILE);
    if (Files.isRegularFile(deb) && DEB_SHA256.equals(Sha256.of(deb))) {
      return deb;
    }
    List<String> cmd = List.of("apt-get", "download", PACKAGE + "=" + VERSION);
    CommandRunner.Result r = runner.run(workDir, cmd);
    if (r.exitCode() != 0 && listsMissing(r.output())) {
      if (!isRoot()) {
        throw new FetchException(
            "apt-get cannot find "
                + PACKAGE
                + " "
                + VERSION
                + ": the package lists are missing or stale. Run 'sudo apt-get update' and try again.\n"
                + r.output());
      }
      LOG.info("apt package lists are missing, running apt-get update");
      run(List.of("apt-get", "update"), "apt-get update");
      r = runner.run(workDir, cmd);
    }
    if (r.exitCode() != 0) {
      throw new FetchException(
          "'" + String.join(" ", cmd) + "' failed (exit " + r.exitCode() + "):\n" + r.output());
    }
    String sha = Sha256.of(deb);
    if (!DEB_SHA256.equals(sha)) {
      throw new FetchException(deb + " has sha256 " + sha + ", expected the pinned " + DEB_SHA256);
    }
    return deb;
  }

  private String verify(String file, String expected) {
    String sha = Sha256.of(cacheDir.resolve(file));
    if (!sha.equals(expected)) {
      throw new FetchException(
          "converted "
              + file
              + " has sha256 "
              + sha
              + ", expected "
              + expected
              + " (the R reader or CSV writer changed its output)");
    }
    return sha;
  }

  private void run(List<String> cmd, String what) throws IOException, InterruptedException {
    CommandRunner.Result r = runner.run(workDir, cmd);
    if (r.exitCode() != 0) {
      throw new FetchException(what + " failed (exit " + r.exitCode() + "):\n" + r.output());
    }
  }

  private static boolean listsMissing(String output) {
    String o = output.toLowerCase(Locale.ROOT);
    return MISSING_LISTS.stream().anyMatch(o::contains);
  }

  private boolean isRoot() throws IOException, InterruptedException {
    CommandRunner.Result r = runner.run(workDir, List.of("id", "-u"));
    return r.exitCode() == 0 && r.output().trim().equals("0");
  }

  /** The attribution and licence note shipped next to the data. */
  static String readme() {
    return """
        MovieLens ml-latest-small (2016 snapshot: 100,004 ratings, 671 users, 9,066 movies)
        ==============================================================================

        Extracted by the LLMEmb-on-Kafka project from the Debian package %s %s
        (object 'movielens' of the dslabs R package, file %s.rdb), rewritten in the
        ml-latest-small CSV layout: ratings.csv (userId,movieId,rating,timestamp) and
        movies.csv (movieId,title,genres; titles written as "Title (Year)", genres '|'-separated).

        The MovieLens data belong to GroupLens Research (University of Minnesota) and are
        provided under the GroupLens terms of use: research use, no redistribution for commercial
        purposes, acknowledge the source. See https://grouplens.org/datasets/movielens/.
        Please cite:
          F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and
          Context. ACM Transactions on Interactive Intelligent Systems (TiiS) 5, 4, Article 19.
          https://doi.org/10.1145/2827872

        The dslabs package (Rafael A. Irizarry, Amy Gill) is distributed under the Artistic-2.0
        licence.

        SHA256SUMS lists the checksums of the data files; 'fetch-movielens' verifies them.
        """
        .formatted(PACKAGE, VERSION, RDATA_BASE);
  }
}
