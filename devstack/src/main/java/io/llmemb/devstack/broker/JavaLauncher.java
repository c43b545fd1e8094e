package io.llmemb.devstack.broker;

import java.nio.file.Path;

/** Locates the {@code java} executable of the running JVM so the child runs on the same JDK. */
final class JavaLauncher {

  private JavaLauncher() {}

  /** Path of {@code bin/java} under {@code java.home}. */
  static String executable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
