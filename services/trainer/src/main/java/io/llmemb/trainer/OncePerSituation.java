package io.llmemb.trainer;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a recurring condition when it starts or changes, not on every check that still sees it: a
 * trainer that checks every minute would otherwise repeat the same line all day and bury the one
 * that matters. Repeats go to DEBUG. Not thread-safe (one training check at a time).
 */
final class OncePerSituation {

  private final Logger log;
  private String last;

  OncePerSituation(Logger log) {
    this.log = log;
  }

  /** Logs {@code message} at INFO unless the previous call had the same {@code situation}. */
  void info(String situation, String message) {
    if (changed(situation)) {
      log.info(message);
    } else {
      log.debug(message);
    }
  }

  /** Logs {@code message} at WARN unless the previous call had the same {@code situation}. */
  void warn(String situation, String message) {
    if (changed(situation)) {
      log.warn(message);
    } else {
      log.debug(message);
    }
  }

  /** The condition is gone: the next occurrence is logged again. */
  void clear() {
    last = null;
  }

  private boolean changed(String situation) {
    boolean changed = !Objects.equals(situation, last);
    last = situation;
    return changed;
  }
}
