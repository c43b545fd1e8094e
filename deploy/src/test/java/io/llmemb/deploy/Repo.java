package io.llmemb.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository checkout under test (surefire passes its root; the module directory's parent
 * otherwise).
 */
final class Repo {

  /**
   * The three deployable services: directory under services/, also the compose service and
   * container name.
   */
  static final List<String> SERVICES = List.of("embedding-worker", "trainer", "serving");

  private Repo() {}

  static Path root() {
    String configured = System.getProperty("llmemb.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative + " under " + root(), e);
    }
  }
}
