package io.llmemb.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Test interactions: users walk through consecutive item ids, a pattern a sequential model learns
 * fast.
 */
final class SyntheticLog {

  static final int USERS = 80;
  static final int ITEMS = 150;
  static final int LENGTH = 15;

  /** One interaction. */
  record Event(String user, String item, long millis) {}

  private SyntheticLog() {}

  /**
   * {@link #USERS} users x {@link #LENGTH} consecutive items each, ids prefixed with {@code
   * prefix}.
   */
  static List<Event> events(String prefix) {
    List<Event> out = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      int start = (u * 13) % ITEMS;
      for (int k = 0; k < LENGTH; k++) {
        out.add(
            new Event(prefix + "u" + u, prefix + "i" + ((start + k) % ITEMS), 1_000_000L * u + k));
      }
    }
    return out;
  }
}
