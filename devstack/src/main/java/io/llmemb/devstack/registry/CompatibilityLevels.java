package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The registry server's side of {@link CompatibilityLevel} (the enum shared with the schemas
 * client): the default level and parsing of level names from requests and {@code _schemas} records,
 * with Confluent's error for a bad one.
 */
public final class CompatibilityLevels {

  /**
   * Level used when neither the global nor the subject config was set: the one the mock registry
   * uses too.
   */
  public static final CompatibilityLevel DEFAULT = CompatibilityLevel.DEFAULT;

  private static final String VALID_NAMES =
      Arrays.stream(CompatibilityLevel.values()).map(Enum::name).collect(Collectors.joining(", "));

  private CompatibilityLevels() {}

  /** Parses a level name (case-insensitive); unknown names are a 42203 error. */
  public static CompatibilityLevel parse(String name) {
    if (name == null) {
      throw invalid("null");
    }
    try {
      return CompatibilityLevel.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(name);
    }
  }

  private static RegistryException invalid(String name) {
    return new RegistryException(
        422,
        RegistryException.INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level: '" + name + "'. Valid values are " + VALID_NAMES);
  }
}
