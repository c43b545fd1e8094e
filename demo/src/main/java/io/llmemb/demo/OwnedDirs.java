package io.llmemb.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories a run owns and empties before it starts: a broker log, a model store or Streams state
 * of an earlier run would change what this one does. A marker file guards against emptying a
 * directory some other tool owns; a directory without it is emptied only when everything in it is
 * an entry the caller knows it (or the tools it runs) create.
 *
 * <p>Used by the demo (its stack data dir) and by the fault-injection suite (its work dir).
 */
public final class OwnedDirs {

  private OwnedDirs() {}

  /**
   * Empties {@code dir} (creating it when missing) and leaves only {@code marker} in it.
   *
   * @param known names of entries that may be deleted from a directory without the marker
   * @param advice what to do instead when {@code dir} is not one to empty, e.g. "pick another
   *     --work-dir"
   * @throws IllegalArgumentException when {@code dir} holds something else and no marker
   */
  public static void reset(Path dir, String marker, Set<String> known, String advice)
      throws IOException {
    if (Files.exists(dir)) {
      List<String> foreign = foreignEntries(dir, marker, known);
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException(
            dir
                + " holds "
                + describe(foreign)
                + " and no "
                + marker
                + " file, so it was not made by this tool and is left alone; "
                + advice);
      }
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
    mark(dir, marker);
  }

  /**
   * Creates {@code dir} if needed and puts {@code marker} in it (so a later {@link #reset} may
   * empty it).
   */
  public static void mark(Path dir, String marker) throws IOException {
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve(marker))) {
      Files.createFile(dir.resolve(marker));
    }
  }

  /** Entries of {@code dir} that forbid emptying it: none when it has the marker. */
  static List<String> foreignEntries(Path dir, String marker, Set<String> known)
      throws IOException {
    if (Files.exists(dir.resolve(marker))) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !known.contains(name))
          .sorted()
          .toList();
    }
  }

  private static String describe(List<String> names) {
    int shown = Math.min(3, names.size());
    return String.join(", ", names.subList(0, shown))
        + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
  }
}
