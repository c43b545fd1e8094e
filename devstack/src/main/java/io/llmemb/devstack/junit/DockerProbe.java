package io.llmemb.devstack.junit;

/**
 * Whether a Docker engine is usable, asked once per JVM through Testcontainers (an optional
 * dependency: without it on the classpath the answer is no). A docker CLI without an engine answers
 * no as well.
 */
final class DockerProbe {

  private static volatile Boolean available;

  private DockerProbe() {}

  static boolean available() {
    Boolean cached = available;
    if (cached == null) {
      cached = probe();
      available = cached;
    }
    return cached;
  }

  private static boolean probe() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory");
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    } catch (RuntimeException e) {
      // Testcontainers reports a missing or broken engine through exceptions on some platforms.
      return false;
    }
  }
}
