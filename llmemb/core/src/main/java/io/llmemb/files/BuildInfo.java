package io.llmemb.files;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Code and library versions for {@link Provenance}, read from the jars' manifests ({@code
 * Implementation-Version}). Classes are looked up without initialising them, so recording DJL's
 * version does not start the engine.
 */
public final class BuildInfo {

  /**
   * Reported when a class was not loaded from a jar with a version (e.g. running from {@code
   * target/classes}).
   */
  public static final String UNKNOWN = "unknown";

  /** Library label → a class that library ships. */
  private static final Map<String, String> LIBRARIES =
      Map.of(
          "djl", "ai.djl.Model",
          "pytorch-engine", "ai.djl.pytorch.engine.PtEngine",
          "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper",
          "xchart", "org.knowm.xchart.XYChart");

  private BuildInfo() {}

  /** This library's version from its jar manifest, or {@link #UNKNOWN}. */
  public static String codeVersion() {
    return versionOf(BuildInfo.class.getName()).orElse(UNKNOWN);
  }

  /**
   * The Java runtime and the key libraries' versions, each {@link #UNKNOWN} when its jar does not
   * say.
   */
  public static Map<String, String> libraryVersions() {
    Map<String, String> out = new TreeMap<>();
    out.put("java", System.getProperty("java.version", UNKNOWN));
    LIBRARIES.forEach((label, cls) -> out.put(label, versionOf(cls).orElse(UNKNOWN)));
    return out;
  }

  private static Optional<String> versionOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, BuildInfo.class.getClassLoader());
      return Optional.ofNullable(c.getPackage()).map(Package::getImplementationVersion);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
