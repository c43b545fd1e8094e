package io.llmemb.trainer;

import io.llmemb.schemas.DeadLetterLedger;
import io.llmemb.schemas.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records of one source topic that cannot be decoded to {@code <topic>.dlq} as {@link DeadLetters} builds
 * them, each source record once: the trainer re-reads the whole log for every snapshot, and the serving app
 * dead-letters the same topic, so a {@link DeadLetterLedger} of the dead-letter topic decides what is new. The
 * ledger catches up with the topic whenever a batch holds a record it does not know, so letters serving wrote since
 * the last read are seen; a steady log whose bad records are all known costs no read at all. Thread-safe.
 */
public final class DeadLetterSender implements AutoCloseable {

  /** A record that could not be decoded, and why. */
  public record Failed(ConsumerRecord<byte[], byte[]> record, RuntimeException error) {}

  private final Map<String, Object> clientConfig;
  private final String sourceTopic;
  private final Duration timeout;
  private final IntConsumer onSent;
  private DeadLetterLedger ledger;
  private Producer<byte[], byte[]> producer;

  /**
   * @param clientConfig Kafka client settings (bootstrap servers, security)
   * @param sourceTopic the topic whose records are dead-lettered
   * @param timeout longest wait for the ledger read and for the acknowledgement of a batch of letters
   * @param onSent told how many letters each batch sent (a metric)
   */
  public DeadLetterSender(Map<String, Object> clientConfig, String sourceTopic, Duration timeout,
      IntConsumer onSent) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.sourceTopic = sourceTopic;
    this.timeout = timeout;
    this.onSent = onSent;
  }

  /**
   * Dead-letters the records of {@code failed} that are not on the dead-letter topic yet, and waits until the
   * broker has them.
   *
   * @return letters sent
   * @throws IllegalStateException when the ledger cannot be read or a letter is not acknowledged in time; the
   *     letters acknowledged before are remembered, the others are sent by a later call
   */
  public synchronized int send(List<Failed> failed) {
    if (failed.isEmpty()) {
      return 0;
    }
    if (ledger == null) {
      ledger = DeadLetterLedger.load(clientConfig, sourceTopic, timeout);
    } else if (failed.stream().anyMatch(f -> !known(f))) {
      ledger.refresh(timeout);
    }
    List<Failed> fresh = failed.stream().filter(f -> !known(f)).toList();
    if (fresh.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Failed f : fresh) {
      acks.add(producer().send(DeadLetters.record(f.record(), f.error())));
    }
    int sent = 0;
    RuntimeException first = null;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < fresh.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = fresh.get(i).record();
      try {
        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        ledger.record(r.topic(), r.partition(), r.offset());
        sent++;
      } catch (ExecutionException | TimeoutException e) {
        if (first == null) {
          first = new IllegalStateException("could not dead-letter " + r.topic() + "-" + r.partition() + "@"
              + r.offset() + " to " + ledger.dlqTopic() + ": " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = new IllegalStateException("interrupted while dead-lettering to " + ledger.dlqTopic(), e);
        break;
      }
    }
    onSent.accept(sent);
    if (first != null) {
      throw first;
    }
    return sent;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
  }

  private boolean known(Failed f) {
    ConsumerRecord<byte[], byte[]> r = f.record();
    return ledger.alreadyDeadLettered(r.topic(), r.partition(), r.offset());
  }

  /** Built on the first letter: most logs have no bad record, and an idle producer still holds connections. */
  private Producer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.CLIENT_ID_CONFIG, "llmemb-trainer-dlq");
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }
}
