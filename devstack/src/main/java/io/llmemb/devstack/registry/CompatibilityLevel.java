package io.llmemb.devstack.registry;

import java.util.Locale;

/** Confluent's compatibility levels: which direction(s) a new schema is checked in, and against how many. */
public enum CompatibilityLevel {
  /** No check. */
  NONE(false, false, false),
  /** New schema reads data written with the latest one. */
  BACKWARD(true, false, false),
  /** New schema reads data written with every earlier one (the project's default). */
  BACKWARD_TRANSITIVE(true, false, true),
  /** Latest schema reads data written with the new one. */
  FORWARD(false, true, false),
  /** Every earlier schema reads data written with the new one. */
  FORWARD_TRANSITIVE(false, true, true),
  /** Backward and forward against the latest. */
  FULL(true, true, false),
  /** Backward and forward against every earlier schema. */
  FULL_TRANSITIVE(true, true, true);

  /** Level used when neither the global nor the subject config was set (the architecture's rule). */
  public static final CompatibilityLevel DEFAULT = BACKWARD_TRANSITIVE;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema must read old data. */
  public boolean backward() {
    return backward;
  }

  /** Whether old schemas must read new data. */
  public boolean forward() {
    return forward;
  }

  /** Whether every earlier version is checked rather than the latest only. */
  public boolean transitive() {
    return transitive;
  }

  /** Parses a level name (case-insensitive); unknown names are a 42203 error. */
  public static CompatibilityLevel parse(String name) {
    if (name == null) {
      throw invalid("null");
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(name);
    }
  }

  private static RegistryException invalid(String name) {
    return new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level: '" + name + "'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, "
            + "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
  }
}
