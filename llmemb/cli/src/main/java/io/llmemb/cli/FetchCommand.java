package io.llmemb.cli;

import io.llmemb.data.fetch.CommandRunner;
import io.llmemb.data.fetch.DataDirs;
import io.llmemb.data.fetch.DslabsFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fetch-movielens}: downloads the default dataset (ml-latest-small from Debian
 * r-cran-dslabs).
 */
@Command(
    name = "fetch-movielens",
    mixinStandardHelpOptions = true,
    description =
        "Fetch MovieLens ml-latest-small from the Debian package r-cran-dslabs "
            + "(no R needed) into ratings.csv/movies.csv; a verified cache is reused.")
public final class FetchCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      description =
          "Cache directory (default: $LLMEMB_DATA_DIR/ml-latest-small or "
              + "data/ml-latest-small).")
  Path out;

  @Option(
      names = "--work-dir",
      description = "Where the .deb is downloaded and extracted (default: <out>/.work).")
  Path workDir;

  @Override
  public Integer call() {
    Path dir = out != null ? out : DataDirs.movieLensSmall();
    Path work = workDir != null ? workDir : dir.resolve(".work");
    DslabsFetcher.Result r = new DslabsFetcher(dir, work, CommandRunner.system()).fetch();
    System.out.println(
        (r.fromCache() ? "Verified cached " : "Fetched ")
            + "MovieLens ml-latest-small in "
            + r.dir().toAbsolutePath()
            + (r.ratings() >= 0 ? " (" + r.ratings() + " ratings)" : ""));
    return 0;
  }

  /** Standalone entry point until the top-level {@code llmemb} CLI wires the command in. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FetchCommand()).execute(args));
  }
}
