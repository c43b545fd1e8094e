package io.llmemb.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DslabsFetcherTest {

  /**
   * Where a previous real fetch left the pinned .deb: $LLMEMB_DATA_DIR or the project root's data
   * dir.
   */
  private static final Path CACHED_DEB =
      (System.getenv(DataDirs.ENV) != null
              ? Path.of(System.getenv(DataDirs.ENV))
              : Path.of("..", "data"))
          .resolve(DataDirs.ML_LATEST_SMALL)
          .resolve(".work")
          .resolve(DslabsFetcher.DEB_FILE);

  @TempDir Path tmp;

  /**
   * Scripted runner: records commands, answers apt-get/id from a script, runs dpkg-deb for real.
   */
  private static final class FakeRunner implements CommandRunner {
    final List<String> calls = new ArrayList<>();
    final List<Result> aptAnswers;
    final String uid;
    final Path debSource;

    FakeRunner(String uid, Path debSource, Result... aptAnswers) {
      this.uid = uid;
      this.debSource = debSource;
      this.aptAnswers = new ArrayList<>(List.of(aptAnswers));
    }

    @Override
    public Result run(Path dir, List<String> command)
        throws java.io.IOException, InterruptedException {
      calls.add(String.join(" ", command));
      switch (command.get(0)) {
        case "id":
          return new Result(0, uid + "\n");
        case "apt-get":
          if (command.get(1).equals("update")) {
            return new Result(0, "Reading package lists... Done");
          }
          Result r = aptAnswers.remove(0);
          if (r.exitCode() == 0) {
            Path target = dir.resolve(DslabsFetcher.DEB_FILE);
            if (debSource != null) {
              Files.copy(debSource, target);
            } else {
              Files.writeString(target, "not a deb");
            }
          }
          return r;
        default:
          return CommandRunner.system().run(dir, command);
      }
    }
  }

  private static final CommandRunner.Result MISSING =
      new CommandRunner.Result(100, "E: Unable to locate package r-cran-dslabs");
  private static final CommandRunner.Result OK =
      new CommandRunner.Result(0, "Get:1 r-cran-dslabs 0.7.4-1");

  @Test
  void nonRootWithoutPackageListsGetsInstructions() {
    FakeRunner runner = new FakeRunner("1000", null, MISSING);
    FetchException e =
        assertThrows(
            FetchException.class,
            () -> new DslabsFetcher(tmp.resolve("cache"), tmp.resolve("work"), runner).fetch());
    assertTrue(e.getMessage().contains("sudo apt-get update"), e.getMessage());
    assertFalse(runner.calls.contains("apt-get update"));
  }

  @Test
  void rootUpdatesListsRetriesAndChecksTheDebChecksum() {
    FakeRunner runner = new FakeRunner("0", null, MISSING, OK);
    FetchException e =
        assertThrows(
            FetchException.class,
            () -> new DslabsFetcher(tmp.resolve("cache"), tmp.resolve("work"), runner).fetch());
    assertTrue(runner.calls.contains("apt-get update"), runner.calls.toString());
    assertEquals(2, runner.calls.stream().filter(c -> c.startsWith("apt-get download")).count());
    assertTrue(e.getMessage().contains("expected the pinned"), e.getMessage());
  }

  @Test
  void realDebIsConvertedVerifiedAndCached() throws Exception {
    Assumptions.assumeTrue(
        Files.isRegularFile(CACHED_DEB), "no cached " + CACHED_DEB + " (run fetch-movielens)");
    Path cache = tmp.resolve("cache");
    FakeRunner runner = new FakeRunner("1000", CACHED_DEB, OK);
    DslabsFetcher.Result r = new DslabsFetcher(cache, tmp.resolve("work"), runner).fetch();
    assertFalse(r.fromCache());
    assertEquals(100_004, r.ratings());
    assertTrue(DslabsFetcher.cacheIsValid(cache));
    assertTrue(
        Files.readString(cache.resolve(DslabsFetcher.README))
            .contains("Harper and Joseph A. Konstan"));
    assertEquals(
        9_067, Files.readAllLines(cache.resolve("movies.csv")).size(), "9,066 movies + header");

    FakeRunner second = new FakeRunner("1000", CACHED_DEB);
    assertTrue(new DslabsFetcher(cache, tmp.resolve("work"), second).fetch().fromCache());
    assertTrue(second.calls.isEmpty(), "valid cache: no command at all");

    Files.writeString(cache.resolve("movies.csv"), "tampered\n");
    assertFalse(DslabsFetcher.cacheIsValid(cache));

    assertThrows(
        DataFormatException.class,
        () ->
            DatasetPipeline.prepare(
                DatasetFormat.MOVIELENS,
                List.of(cache),
                PrepConfig.defaults(DatasetFormat.MOVIELENS, "m")),
        "a broken movies.csv header is a structural error");
  }
}
