package io.llmemb.trainer;

import io.llmemb.schemas.DeadLetterSender;
import io.llmemb.schemas.DeadLetters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Sends the records of a snapshot that cannot be decoded to {@code <topic>.dlq}, each source record
 * once: the trainer re-reads the whole log for every snapshot and the serving app dead-letters the
 * same topic, so the {@link DeadLetterSender}'s ledger decides what is new. Built lazily: most logs
 * have no bad record, and an idle producer still holds connections. Thread-safe.
 */
public final class SnapshotDeadLetters implements AutoCloseable {

  /** A record that could not be decoded, and why. */
  public record Failed(ConsumerRecord<byte[], byte[]> record, RuntimeException error) {}

  private final Map<String, Object> clientConfig;
  private final Duration timeout;
  private final IntConsumer onSent;
  private DeadLetterSender sender;

  /**
   * @param clientConfig Kafka client settings (bootstrap servers, security)
   * @param timeout longest wait for the ledger read and for the acknowledgement of each letter
   * @param onSent told how many letters each batch sent (a metric)
   */
  public SnapshotDeadLetters(
      Map<String, Object> clientConfig, Duration timeout, IntConsumer onSent) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.timeout = timeout;
    this.onSent = onSent;
  }

  /**
   * Dead-letters the records of {@code failed} that are not on the dead-letter topic yet, and waits
   * until the broker has them.
   *
   * @return letters sent
   * @throws DeadLetterSender.DeadLetterException when a letter is not acknowledged in time; the
   *     letters sent before are remembered, the others are sent by a later call
   */
  public synchronized int send(List<Failed> failed) {
    if (failed.isEmpty()) {
      return 0;
    }
    if (sender == null) {
      sender = DeadLetterSender.create(clientConfig, "llmemb-trainer-dlq", timeout);
    }
    int sent = 0;
    try {
      for (Failed f : failed) {
        if (sender.send(DeadLetters.record(f.record(), f.error())).isPresent()) {
          sent++;
        }
      }
    } finally {
      onSent.accept(sent);
    }
    return sent;
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close();
      sender = null;
    }
  }
}
