package io.llmemb.data.load;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the format fixtures under {@code src/test/resources/fixtures}. */
final class Fixtures {

  private Fixtures() {}

  static Path dir(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
