package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed wait is told in one paragraph: what, how long, why, the telling log line, where the logs
 * are.
 */
class DemoFailureTest {

  @Test
  void theParagraphHasEveryPartInOrderOnOneLine(@TempDir Path dir) throws IOException {
    Path trainer = dir.resolve("trainer.log");
    Files.writeString(
        trainer, "line 1\n12:00 INFO TrainingJob - skipped: 0 new interactions (need 100000)\n\n");
    Map<String, Path> logs = new LinkedHashMap<>();
    logs.put("trainer", trainer);
    logs.put("broker", dir.resolve("broker.log"));

    String text =
        DemoFailure.waitedFor(
            "the first release",
            Duration.ofMinutes(20),
            "no release\nappeared",
            "It releases when it has data",
            trainer,
            logs);

    assertEquals(
        "gave up waiting for the first release after 20 min (no release appeared). It releases when it "
            + "has data. Last line of trainer.log: \"12:00 INFO TrainingJob - skipped: 0 new interactions (need "
            + "100000)\". Logs: trainer "
            + trainer
            + ", broker "
            + dir.resolve("broker.log")
            + ".",
        text);
  }

  @Test
  void missingPartsAreLeftOut() {
    assertEquals(
        "gave up waiting for X after 45 s. No log was written yet.",
        DemoFailure.waitedFor(
            "X", Duration.ofSeconds(45), null, null, Path.of("/nonexistent/x.log"), Map.of()));
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertEquals("350 ms", DemoFailure.human(Duration.ofMillis(350)));
    assertEquals("45 s", DemoFailure.human(Duration.ofSeconds(45)));
    assertEquals("2 min 30 s", DemoFailure.human(Duration.ofSeconds(150)));
    assertEquals("20 min", DemoFailure.human(Duration.ofMinutes(20)));
  }

  @Test
  void theQuotedLineIsTheLastNonBlankOneShortened(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "first\n" + "x".repeat(5000) + "\n   \n");
    Optional<String> last = DemoFailure.lastLine(log);
    assertEquals(DemoFailure.MAX_QUOTED + 3, last.orElseThrow().length());
    assertTrue(last.get().endsWith("..."));

    Path big = dir.resolve("big.log");
    Files.writeString(big, "old\n".repeat(100_000) + "the end\n");
    assertEquals(Optional.of("the end"), DemoFailure.lastLine(big));

    Files.writeString(log, "");
    assertFalse(DemoFailure.lastLine(log).isPresent());
    assertFalse(DemoFailure.lastLine(dir.resolve("none.log")).isPresent());
  }
}
