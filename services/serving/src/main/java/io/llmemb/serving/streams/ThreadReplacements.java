package io.llmemb.serving.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stream-thread replacements within a sliding window. One replacement is a hiccup; a thread
 * replaced again and again is a record or a fault it cannot get past, which is what readiness must
 * show.
 */
public final class ThreadReplacements {

  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> times = new ArrayDeque<>();
  private long total;

  /** Counts replacements over the last {@code window}. */
  public ThreadReplacements(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** One thread was replaced now. */
  public synchronized void record() {
    times.addLast(clock.instant());
    total++;
    prune();
  }

  /** Replacements within the window ending now. */
  public synchronized int recent() {
    prune();
    return times.size();
  }

  /** Replacements since start. */
  public synchronized long total() {
    return total;
  }

  private void prune() {
    Instant oldest = clock.instant().minus(window);
    while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
      times.removeFirst();
    }
  }
}
