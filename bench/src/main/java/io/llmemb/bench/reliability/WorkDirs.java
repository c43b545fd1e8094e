package io.llmemb.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run starts from an empty work dir: a broker log or Streams state of an earlier run would change its result. A
 * marker file guards against emptying a directory some other tool owns.
 */
final class WorkDirs {

  private static final String MARKER = ".llmemb-reliability";

  private WorkDirs() {}

  static void reset(Path dir) throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalArgumentException(dir + " is not empty and was not made by a reliability run; "
            + "pick another --work-dir");
      }
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.createFile(dir.resolve(MARKER));
  }
}
