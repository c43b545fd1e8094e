package io.llmemb.demo;

import io.llmemb.devstack.StackState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * The state a demo run leaves behind: the stack's data dir (broker log dirs, hence every topic, the
 * registry's schemas and the consumer groups' offsets) and the work dir (model store, serving's
 * Streams state, service logs). A run starts from none of it unless asked to keep it: with an
 * earlier run's release on {@code models.releases} the trainer would only release again after
 * {@code --retrain-after} new interactions or hours, and the topics would hold every record twice.
 */
final class DemoState {

  /** Marks a directory the demo made, so a later run may empty it. */
  static final String MARKER = ".llmemb-demo";

  /**
   * What a stack's data dir and the demo's work dir hold (devstack's broker and launcher files, the
   * default {@code demo-run} work dir): a dir made by an older demo or by {@code bin/devstack
   * start}, without the marker, holding only these, is emptied too.
   */
  static final Set<String> STACK_ENTRIES =
      Set.of(
          "devstack.lock",
          StackState.FILE,
          "server.properties",
          "kafka-logs",
          "broker.log",
          "format.log",
          "logback-broker.xml",
          "demo-run",
          "models",
          "logs",
          "serving-state");

  /** devstack's lock file in the data dir, held by the JVM of a running stack. */
  private static final String LOCK_FILE = "devstack.lock";

  private DemoState() {}

  /**
   * Prepares the directories of a run.
   *
   * @param keep keep what an earlier run left (only create what is missing)
   * @return one line saying what was done, for the console
   * @throws IllegalStateException when a stack still runs on {@code dataDir}
   * @throws IllegalArgumentException when a directory holds things the demo did not make
   */
  static String prepare(Path dataDir, Path workDir, boolean keep) throws IOException {
    Path data = dataDir.toAbsolutePath().normalize();
    Path work = workDir.toAbsolutePath().normalize();
    boolean inside = work.startsWith(data);
    String where = data + (inside ? "" : " and " + work);
    if (keep) {
      OwnedDirs.mark(data, MARKER);
      Files.createDirectories(work);
      return "keeping the state of earlier runs in " + where + " (--keep-state)";
    }
    requireNotRunning(data);
    String advice =
        "remove it yourself, pick another --data-dir / --work-dir, or pass --keep-state to run on it";
    OwnedDirs.reset(data, MARKER, STACK_ENTRIES, advice);
    if (inside) {
      Files.createDirectories(work);
    } else {
      OwnedDirs.reset(work, MARKER, STACK_ENTRIES, advice);
    }
    return "starting from a fresh state in "
        + where
        + " (an earlier run's topics, models and logs there are removed; --keep-state keeps them)";
  }

  /**
   * Refuses to empty the data dir of a stack that still runs (another bin/demo, or bin/devstack
   * start).
   */
  static void requireNotRunning(Path dataDir) throws IOException {
    Optional<StackState> state;
    try {
      state = Files.isDirectory(dataDir) ? StackState.read(dataDir) : Optional.empty();
    } catch (IllegalStateException | java.io.UncheckedIOException malformed) {
      state =
          Optional
              .empty(); // a half-written state file of a killed run; the lock below still tells a
      // live stack
    }
    Optional<Long> pid =
        state.flatMap(
            s ->
                StackState.alive(s.launcherPid())
                    ? Optional.of(s.launcherPid())
                    : StackState.alive(s.brokerPid())
                        ? Optional.of(s.brokerPid())
                        : Optional.empty());
    if (pid.isPresent() || locked(dataDir.resolve(LOCK_FILE))) {
      throw new IllegalStateException(
          "a stack is still running on "
              + dataDir
              + pid.map(p -> " (pid " + p + ")").orElse("")
              + ", probably another bin/demo or bin/devstack start: "
              + "stop it first (Ctrl-C in its terminal, or bin/devstack stop --data-dir "
              + dataDir
              + "), or give this run its own --data-dir and ports");
    }
  }

  /** Whether another process holds the lock on {@code file}. */
  private static boolean locked(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }
}
