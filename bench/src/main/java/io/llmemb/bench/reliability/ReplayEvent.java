package io.llmemb.bench.reliability;

/**
 * One interaction of the replay. Event times are unique per user (the replay shifts them), so
 * userId + eventTime names the one recommendation record the interaction must produce.
 */
public record ReplayEvent(String userId, String itemId, long eventTime) {

  /** The key an output record is matched by. */
  String key() {
    return key(userId, eventTime);
  }

  static String key(String userId, long eventTime) {
    return userId + '\u0000' + eventTime;
  }
}
