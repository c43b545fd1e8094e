package io.llmemb.serving.metrics;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Age classes of items for the per-age metrics (docs/architecture.md, "Metrics per item age"): an
 * item's age counts from when serving first indexed its embedding. The bounds are fixed so that
 * dashboards compare across deployments whatever {@code new-item-max-age} is.
 */
public enum AgeBucket {
  /** Younger than {@link #NEW_BOUND}. */
  NEW("under-1h"),
  /** At least {@link #NEW_BOUND}, younger than {@link #DAY_BOUND}. */
  DAY("under-1d"),
  /** At least {@link #DAY_BOUND}. */
  OLDER("older"),
  /** Serving never had an embedding of the item. */
  UNKNOWN("unknown");

  /** Upper bound (exclusive) of {@link #NEW}. */
  public static final Duration NEW_BOUND = Duration.ofHours(1);

  /** Upper bound (exclusive) of {@link #DAY}. */
  public static final Duration DAY_BOUND = Duration.ofDays(1);

  private final String tag;

  AgeBucket(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code age} tag. */
  public String tag() {
    return tag;
  }

  /** The bucket of an age in millis; empty means unknown. */
  public static AgeBucket of(OptionalLong ageMs) {
    if (ageMs.isEmpty()) {
      return UNKNOWN;
    }
    long ms = ageMs.getAsLong();
    if (ms < NEW_BOUND.toMillis()) {
      return NEW;
    }
    return ms < DAY_BOUND.toMillis() ? DAY : OLDER;
  }
}
