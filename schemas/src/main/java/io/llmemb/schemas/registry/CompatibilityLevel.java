package io.llmemb.schemas.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Confluent compatibility levels, with the check each implies, done by {@link CompatibilityChecker}
 * (the one implementation the dev stack's registry and the in-memory {@code mock://} registry
 * share). The project runs {@link #DEFAULT}: a new schema must read data written with every earlier
 * version, so every added field needs a default.
 */
public enum CompatibilityLevel {
  /** No check. */
  NONE(false, false, false),
  /** The new schema reads data written with the latest version. */
  BACKWARD(true, false, false),
  /** The new schema reads data written with every version. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** The latest version reads data written with the new schema. */
  FORWARD(false, true, false),
  /** Every version reads data written with the new schema. */
  FORWARD_TRANSITIVE(false, true, true),
  /** Both BACKWARD and FORWARD against the latest version. */
  FULL(true, true, false),
  /** Both BACKWARD and FORWARD against every version. */
  FULL_TRANSITIVE(true, true, true);

  /**
   * Level of a registry on which neither the global nor a subject level was set, in every registry
   * of the project (the architecture's rule; Confluent's own default is BACKWARD, which is why the
   * Docker stack sets it).
   */
  public static final CompatibilityLevel DEFAULT = BACKWARD_TRANSITIVE;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema must read data written with existing versions. */
  public boolean backward() {
    return backward;
  }

  /** Whether existing versions must read data written with the new schema. */
  public boolean forward() {
    return forward;
  }

  /** Whether every existing version is checked rather than the latest only. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Whether {@code candidate} is compatible with {@code existingNewestFirst} (the subject's
   * versions, newest first) under this level.
   */
  public boolean isCompatible(Schema candidate, List<Schema> existingNewestFirst) {
    List<Schema> oldestFirst = new ArrayList<>(existingNewestFirst);
    Collections.reverse(oldestFirst);
    return CompatibilityChecker.check(candidate, oldestFirst, this).isEmpty();
  }
}
