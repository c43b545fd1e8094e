package io.llmemb.serving.topology;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a global-store processor sends dead letters. Global processors have no sinks (their records
 * are not part of a task's transaction), so the letter is written by a producer of its own and the
 * call returns only once the broker has it; a failure throws, which stops the global thread rather
 * than skipping the record silently.
 */
@FunctionalInterface
public interface GlobalDeadLetters {

  /**
   * Writes {@code letter} (unless its source record already has one) and waits for its
   * acknowledgement.
   */
  void send(ProducerRecord<byte[], byte[]> letter);
}
