package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.StackState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second bin/demo must not inherit the first one's state (its release would stall the trainer for
 * --retrain-after interactions): the data and work dirs are emptied unless --keep-state, and never
 * when they are someone else's or in use.
 */
class DemoStateTest {

  /** What a finished first run leaves in .devstack. */
  private static Path firstRun(Path data) throws IOException {
    Files.createDirectories(data.resolve("kafka-logs/models.releases-0"));
    Files.writeString(
        data.resolve("kafka-logs/models.releases-0/00000000000000000000.log"), "release");
    Files.writeString(data.resolve("broker.log"), "broker");
    Files.writeString(data.resolve("server.properties"), "node.id=1");
    Files.writeString(data.resolve("devstack.lock"), "");
    Files.createDirectories(data.resolve("demo-run/models/llmemb-demo/v1"));
    Files.createDirectories(data.resolve("demo-run/logs"));
    Files.writeString(data.resolve("demo-run/logs/trainer.log"), "released v1");
    return data;
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aSecondRunStartsFromNothing(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve(".devstack");
    DemoState.prepare(data, data.resolve("demo-run"), false);
    firstRun(data);

    String said = DemoState.prepare(data, data.resolve("demo-run"), false);

    assertEquals(List.of(DemoState.MARKER, "demo-run"), entries(data));
    assertEquals(List.of(), entries(data.resolve("demo-run")));
    assertTrue(said.startsWith("starting from a fresh state in " + data.toAbsolutePath()), said);
    assertTrue(said.contains("--keep-state"), said);
  }

  @Test
  void aDirOfAnOlderDemoOrOfDevstackStartWithoutTheMarkerIsEmptiedToo(@TempDir Path tmp)
      throws IOException {
    Path data = firstRun(tmp.resolve(".devstack"));
    new StackState(999_999_999L, 999_999_998L, "localhost:9092", "http://localhost:8081")
        .write(data); // dead pids
    assertFalse(Files.exists(data.resolve(DemoState.MARKER)));

    DemoState.prepare(data, data.resolve("demo-run"), false);

    assertEquals(List.of(DemoState.MARKER, "demo-run"), entries(data));
  }

  @Test
  void aMalformedStateFileOfAKilledRunDoesNotBlockTheReset(@TempDir Path tmp) throws IOException {
    Path data = firstRun(tmp.resolve(".devstack"));
    Files.writeString(data.resolve(StackState.FILE), "pid=not-a-number\n");

    DemoState.prepare(data, data.resolve("demo-run"), false);

    assertEquals(List.of(DemoState.MARKER, "demo-run"), entries(data));
  }

  @Test
  void keepStateKeepsEverything(@TempDir Path tmp) throws IOException {
    Path data = firstRun(tmp.resolve(".devstack"));

    String said = DemoState.prepare(data, data.resolve("demo-run"), true);

    assertTrue(Files.exists(data.resolve("kafka-logs/models.releases-0/00000000000000000000.log")));
    assertTrue(Files.exists(data.resolve("demo-run/logs/trainer.log")));
    assertTrue(
        Files.exists(data.resolve(DemoState.MARKER)), "a kept dir may be emptied by a later run");
    assertTrue(said.startsWith("keeping the state of earlier runs"), said);
  }

  @Test
  void aForeignDirIsLeftAloneWithAMessageSayingWhatToDo(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(data.resolve("thesis.tex"), "precious");
    Files.writeString(data.resolve("broker.log"), "looks like ours");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoState.prepare(data, data.resolve("demo-run"), false));

    assertTrue(Files.exists(data.resolve("thesis.tex")));
    assertTrue(Files.exists(data.resolve("broker.log")));
    assertTrue(
        e.getMessage().contains("holds thesis.tex and no " + DemoState.MARKER), e.getMessage());
    assertTrue(e.getMessage().contains("--keep-state"), e.getMessage());
  }

  @Test
  void aWorkDirOutsideTheDataDirIsResetOnItsOwn(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("models/llmemb-demo/v1"));
    Files.createDirectories(work.resolve("serving-state/0_1"));

    String said = DemoState.prepare(data, work, false);

    assertEquals(List.of(DemoState.MARKER), entries(work));
    assertEquals(List.of(DemoState.MARKER), entries(data));
    assertTrue(said.contains(" and " + work.toAbsolutePath()), said);

    Files.writeString(work.resolve("notes.txt"), "mine");
    Files.delete(work.resolve(DemoState.MARKER));
    assertThrows(IllegalArgumentException.class, () -> DemoState.prepare(data, work, false));
    assertTrue(Files.exists(work.resolve("notes.txt")));
  }

  @Test
  void aRunningStackIsNeverEmptied(@TempDir Path tmp) throws IOException {
    Path data = firstRun(tmp.resolve(".devstack"));
    long me = ProcessHandle.current().pid();
    new StackState(me, me, "localhost:9092", "http://localhost:8081").write(data);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DemoState.prepare(data, data.resolve("demo-run"), false));

    assertTrue(
        e.getMessage()
            .contains("a stack is still running on " + data.toAbsolutePath() + " (pid " + me + ")"),
        e.getMessage());
    assertTrue(Files.exists(data.resolve("demo-run/logs/trainer.log")));
  }

  @Test
  void aLockedDataDirIsNeverEmptied(@TempDir Path tmp) throws Exception {
    Path data = firstRun(tmp.resolve(".devstack"));
    try (FileChannel held =
            FileChannel.open(data.resolve("devstack.lock"), StandardOpenOption.WRITE);
        var lock = held.lock()) {
      // this JVM holds it: the check sees it as held (as it sees another process's lock)
      assertThrows(
          IllegalStateException.class,
          () -> DemoState.prepare(data, data.resolve("demo-run"), false));
    }
    assertTrue(Files.exists(data.resolve("kafka-logs")));
    DemoState.prepare(data, data.resolve("demo-run"), false);
    assertFalse(Files.exists(data.resolve("kafka-logs")));
  }

  @Test
  void ownedDirsNamesAFewForeignEntries(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    for (String name : List.of("a", "b", "c", "d", "e")) {
      Files.writeString(dir.resolve(name), name);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OwnedDirs.reset(dir, ".mark", Set.of("a"), "do something else"));
    assertTrue(
        e.getMessage().contains("holds b, c, d and 1 more and no .mark file"), e.getMessage());
    assertTrue(e.getMessage().endsWith("do something else"), e.getMessage());

    Files.writeString(dir.resolve(".mark"), "");
    OwnedDirs.reset(dir, ".mark", Set.of(), "-");
    assertEquals(List.of(".mark"), entries(dir));
  }
}
