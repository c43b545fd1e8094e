package io.llmemb.bench.reliability;

import io.llmemb.demo.OwnedDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A run starts from an empty work dir: a broker log or Streams state of an earlier run would change
 * its result. A marker file guards against emptying a directory some other tool owns ({@link
 * OwnedDirs}, shared with the demo).
 */
final class WorkDirs {

  private static final String MARKER = ".llmemb-reliability";

  private WorkDirs() {}

  static void reset(Path dir) throws IOException {
    OwnedDirs.reset(dir, MARKER, Set.of(), "pick another --work-dir");
  }
}
