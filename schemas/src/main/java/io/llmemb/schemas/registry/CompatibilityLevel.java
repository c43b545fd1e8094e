package io.llmemb.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * Confluent compatibility levels, with the check each implies, done by Avro's own
 * {@link SchemaValidatorBuilder}. The project runs {@link #BACKWARD_TRANSITIVE}: a new schema must read data
 * written with every earlier version, so every added field needs a default.
 */
public enum CompatibilityLevel {
  /** No check. */
  NONE,
  /** The new schema reads data written with the latest version. */
  BACKWARD,
  /** The new schema reads data written with every version. */
  BACKWARD_TRANSITIVE,
  /** The latest version reads data written with the new schema. */
  FORWARD,
  /** Every version reads data written with the new schema. */
  FORWARD_TRANSITIVE,
  /** Both BACKWARD and FORWARD against the latest version. */
  FULL,
  /** Both BACKWARD and FORWARD against every version. */
  FULL_TRANSITIVE;

  /**
   * Whether {@code candidate} is compatible with {@code existingNewestFirst} (the subject's versions, newest
   * first) under this level.
   */
  public boolean isCompatible(Schema candidate, List<Schema> existingNewestFirst) {
    if (this == NONE || existingNewestFirst.isEmpty()) {
      return true;
    }
    try {
      validator().validate(candidate, existingNewestFirst);
      return true;
    } catch (SchemaValidationException e) {
      return false;
    }
  }

  private SchemaValidator validator() {
    SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
    switch (this) {
      case BACKWARD, BACKWARD_TRANSITIVE -> builder.canReadStrategy();
      case FORWARD, FORWARD_TRANSITIVE -> builder.canBeReadStrategy();
      default -> builder.mutualReadStrategy();
    }
    return name().endsWith("_TRANSITIVE") ? builder.validateAll() : builder.validateLatest();
  }
}
