package io.llmemb.bench.reliability;

/**
 * A poison record the replay injected, by where it landed; its dead-letter copy carries the same
 * three values in the {@code dlq.source.*} headers.
 *
 * @param kind what is wrong with it
 */
record BadRecord(String kind, String topic, int partition, long offset) {

  /** The identity shared with its dead-letter copies. */
  String source() {
    return source(topic, partition, offset);
  }

  static String source(String topic, int partition, long offset) {
    return topic + "/" + partition + "@" + offset;
  }
}
