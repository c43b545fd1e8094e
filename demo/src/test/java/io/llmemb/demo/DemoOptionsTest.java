package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * bin/demo's options: defaults, derived values, validation, help, and how a failed run is reported.
 */
class DemoOptionsTest {

  private static DemoMain parse(String... args) {
    DemoMain demo = new DemoMain();
    new CommandLine(demo).parseArgs(args);
    return demo;
  }

  @Test
  void defaultsStartFreshOnTheDevstackDirAndReplayEverything() {
    DemoMain demo = parse();
    demo.validate();
    assertEquals(Path.of(".devstack"), demo.dataDir);
    assertEquals(Path.of(".devstack", "demo-run"), demo.workDir());
    assertFalse(demo.keepState);
    assertEquals(Long.MAX_VALUE, demo.limit());
    assertEquals(50.0, demo.rate);
    assertEquals(Duration.ofSeconds(5), demo.summaryEvery);
  }

  @Test
  void exitAloneIsAQuickRunAndMaxInteractionsWins() {
    assertEquals(DemoMain.QUICK_RUN_INTERACTIONS, parse("--exit").limit());
    assertEquals(500, parse("--exit", "--max-interactions", "500").limit());
    assertEquals(500, parse("--max-interactions", "500").limit());
  }

  @Test
  void workDirFollowsDataDirUnlessGiven() {
    assertEquals(Path.of("/tmp/x", "demo-run"), parse("--data-dir", "/tmp/x").workDir());
    assertEquals(
        Path.of("/tmp/w"), parse("--data-dir", "/tmp/x", "--work-dir", "/tmp/w").workDir());
    assertTrue(parse("--keep-state").keepState);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--rate=-1",
        "--max-interactions=0",
        "--max-interactions=-2",
        "--train-fraction=0",
        "--train-fraction=1.5",
        "--retrain-after=0",
        "--new-items=-1",
        "--summary-every=PT0S",
        "--service-port=65534",
        "--service-port=0"
      })
  void badValuesAreRejectedNamingTheOption(String arg) {
    DemoMain demo = parse(arg);
    CommandLine.ParameterException e =
        assertThrows(CommandLine.ParameterException.class, demo::validate);
    assertTrue(e.getMessage().startsWith(arg.substring(0, arg.indexOf('='))), e.getMessage());
  }

  @Test
  void workDirMustNotBeTheDataDirItself() {
    DemoMain demo = parse("--data-dir", "/tmp/x", "--work-dir", "/tmp/x/.");
    assertThrows(CommandLine.ParameterException.class, demo::validate);
    parse("--data-dir", "/tmp/x", "--work-dir", "/tmp/x", "--bootstrap-servers", "k:9092")
        .validate();
  }

  @Test
  void aBadValueEndsTheRunWithUsageBeforeAnythingStarts() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DemoMain demo = new DemoMain();
    CommandLine cli = DemoMain.commandLine(demo);
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute("--rate", "-3", "--dataset-dir", "/nonexistent");
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("--rate must be >= 0"), text);
    assertTrue(text.contains("Usage: demo"), text);
  }

  @Test
  void helpListsKeepState() {
    String usage = new CommandLine(new DemoMain()).getUsageMessage();
    assertTrue(usage.contains("--keep-state"), usage);
    assertTrue(usage.replaceAll("\\s+", " ").contains("emptied first unless --keep-state"), usage);
  }

  @Test
  void aDemoFailureIsPrintedAsItsParagraphOnly() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        parse()
            .report(
                new DemoFailure("gave up waiting for X after 20 min. Logs: trainer t.log."),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertEquals(
        "demo: gave up waiting for X after 20 min. Logs: trainer t.log." + System.lineSeparator(),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anyOtherFailureIsOneParagraphWithTheStackTraceInAFile(@TempDir Path dir) throws IOException {
    DemoMain demo = parse("--data-dir", dir.toString());
    demo.workDirReady = true;
    demo.logs().put("trainer", dir.resolve("demo-run/logs/trainer.log"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        demo.report(
            new IllegalStateException("broker did not start\n--- last 40 lines ---\nboom"),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String text = err.toString(StandardCharsets.UTF_8);
    Path trace = dir.resolve("demo-run/logs").resolve(DemoMain.ERROR_LOG).toAbsolutePath();
    assertEquals(
        "demo: failed: broker did not start. Logs: trainer "
            + dir.resolve("demo-run/logs/trainer.log")
            + ". Full message and stack trace: "
            + trace
            + "."
            + System.lineSeparator(),
        text);
    String written = Files.readString(trace);
    assertTrue(written.contains("java.lang.IllegalStateException: broker did not start"), written);
    assertTrue(written.contains("boom"), written);
    assertTrue(written.contains("at io.llmemb.demo.DemoOptionsTest"), written);
  }

  @Test
  void beforeTheWorkDirIsPreparedNothingIsWrittenAndTheTraceGoesToTheConsole(@TempDir Path dir) {
    DemoMain demo = parse("--data-dir", dir.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    demo.report(
        new IllegalStateException("early"), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("demo: failed: early. No log was written yet." + System.lineSeparator()),
        text);
    assertTrue(text.contains("at io.llmemb.demo.DemoOptionsTest"), text);
    assertFalse(
        Files.exists(dir.resolve("demo-run")),
        "nothing written into a dir not yet known to be ours");
  }

  @Test
  void aForeignDataDirEndsTheRunWithOneParagraphAndTouchesNothing(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("thesis.tex"), "precious");
    Path movielens = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(
        movielens.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Animation\n");
    Files.writeString(
        movielens.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DemoMain demo = new DemoMain();
    CommandLine cli =
        new CommandLine(demo)
            .setExecutionExceptionHandler(
                (e, c, parsed) ->
                    demo.report(e, new PrintStream(err, true, StandardCharsets.UTF_8)));

    int code = cli.execute("--data-dir", dir.toString(), "--dataset-dir", movielens.toString());

    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, text);
    assertEquals(1, text.lines().count(), text);
    assertTrue(
        text.startsWith(
            "demo: " + dir.toAbsolutePath() + " holds ml, thesis.tex and no .llmemb-demo file"),
        text);
    assertFalse(Files.exists(dir.resolve("demo-run")));
    assertFalse(Files.exists(dir.resolve(DemoState.MARKER)));
    assertEquals("precious", Files.readString(dir.resolve("thesis.tex")));
  }

  @Test
  void theReleaseTimeoutMessageSaysWhatWasAwaitedAndWhereTheLogsAre(@TempDir Path dir)
      throws IOException {
    DemoMain demo = parse("--data-dir", dir.toString());
    Path trainerLog = Files.createDirectories(dir.resolve("logs")).resolve("trainer.log");
    Files.writeString(
        trainerLog,
        "12:00:00 INFO TrainingJob - skipped: waiting for item embeddings: 40 of 387\n");
    demo.logs().put("trainer", trainerLog);
    demo.logs().put("broker", dir.resolve("broker.log"));

    String message = demo.noReleaseMessage(DemoMain.RELEASE_WAIT, "no release appeared");

    assertFalse(message.contains("\n"), "one paragraph: " + message);
    assertTrue(
        message.startsWith(
            "gave up waiting for the trainer's first release of llmemb-demo on "
                + "models.releases after 20 min (no release appeared)."),
        message);
    assertTrue(message.contains("waiting for item embeddings: 40 of 387"), message);
    assertTrue(
        message.contains(
            "Logs: trainer " + trainerLog + ", broker " + dir.resolve("broker.log") + "."),
        message);
  }

  @Test
  void withAnExternalDeploymentTheMessagePointsAtItsLogs() {
    DemoMain demo = parse("--bootstrap-servers", "localhost:9092");
    String message = demo.noReleaseMessage(Duration.ofMinutes(3), "boom");
    assertTrue(message.contains("docker compose logs trainer"), message);
    assertTrue(message.contains("after 3 min (boom)"), message);
  }
}
