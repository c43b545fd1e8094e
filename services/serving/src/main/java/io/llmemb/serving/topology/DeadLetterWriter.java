package io.llmemb.serving.topology;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where serving's processors send dead letters: the global-store processors, which have no sinks
 * (their records are not part of a task's transaction), and the recommend processor. Letters are
 * written outside the Streams transaction by the process's {@code DeadLetterSender}, which writes
 * each source record's letter once across instances, restarts and retried tasks; the call returns
 * only once the broker has it, and a failure throws, which stops the thread rather than skipping
 * the record silently.
 */
@FunctionalInterface
public interface DeadLetterWriter {

  /**
   * Writes {@code letter} (unless its source record already has one) and waits for its
   * acknowledgement.
   */
  void send(ProducerRecord<byte[], byte[]> letter);
}
