package io.llmemb.devstack.broker;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the runtime classpath the broker JVM needs ({@code kafka_2.13} and its dependencies).
 *
 * <p>Order: the system property {@value #PROPERTY}; the {@value #FILE_NAME} file the Maven build
 * writes into {@code target/} (found next to this module's classes or jar); the launcher's own
 * {@code java.class.path} when it contains the Kafka server jar. The file comes before {@code
 * java.class.path} because under Maven or an IDE the latter may be a manifest-only jar.
 */
public final class ChildClasspath {

  /** System property overriding the classpath of the child broker. */
  public static final String PROPERTY = "devstack.broker.classpath";

  /** Name of the classpath file written at build time by maven-dependency-plugin. */
  public static final String FILE_NAME = "devstack.classpath";

  private static final String KAFKA_JAR_MARKER = "kafka_2.13";

  private ChildClasspath() {}

  /**
   * The classpath for {@code kafka.Kafka}; fails with the places looked at when none lists the
   * Kafka jar.
   */
  public static String resolve() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    Optional<String> fromFile = fromBuildFile();
    if (fromFile.isPresent()) {
      return fromFile.get();
    }
    String own = System.getProperty("java.class.path", "");
    if (Arrays.stream(own.split(File.pathSeparator)).anyMatch(e -> e.contains(KAFKA_JAR_MARKER))) {
      return own;
    }
    throw new BrokerStartException(
        "no classpath with "
            + KAFKA_JAR_MARKER
            + " found: set -D"
            + PROPERTY
            + ", build the devstack module (writes target/"
            + FILE_NAME
            + "), or run with the jars on java.class.path");
  }

  private static Optional<String> fromBuildFile() {
    try {
      Path codeSource =
          Path.of(ChildClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/classes -> target; target/devstack-x.jar -> target
      Path candidate = codeSource.getParent().resolve(FILE_NAME);
      if (!Files.isRegularFile(candidate)) {
        return Optional.empty();
      }
      String cp = Files.readString(candidate).trim();
      return cp.contains(KAFKA_JAR_MARKER) ? Optional.of(cp) : Optional.empty();
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
