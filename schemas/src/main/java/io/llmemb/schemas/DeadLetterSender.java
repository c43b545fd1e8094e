package io.llmemb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Writes dead letters and waits for the broker's acknowledgement. A letter too large for the broker (the source
 * record was near the size limit and the reason headers pushed it over) is sent again without its key and value
 * ({@link DeadLetters#withoutPayload}), because losing the letter would lose the record. Used by the Kafka Streams
 * error handlers, which build it from the Streams configuration: its own idempotent producer, keys prefixed
 * {@value #PRODUCER_PREFIX} override producer settings (e.g. {@code dlq.producer.security.protocol}).
 */
public final class DeadLetterSender {

  /** Prefix of Streams config keys passed (without the prefix) to the dead-letter producer. */
  public static final String PRODUCER_PREFIX = "dlq.producer.";
  /** Config key: longest wait, in ms, for a dead-letter write to be acknowledged. */
  public static final String SEND_TIMEOUT_MS = "dlq.send.timeout.ms";
  /** Default of {@link #SEND_TIMEOUT_MS}. */
  public static final long DEFAULT_SEND_TIMEOUT_MS = 10_000;
  /** Config key whose value is a ready {@code Producer<byte[], byte[]>} to use instead of building one (tests). */
  public static final String PRODUCER_INSTANCE = "dlq.producer.instance";

  private final Producer<byte[], byte[]> producer;
  private final Duration timeout;

  /** Sends through {@code producer}, waiting at most {@code timeout} per letter. */
  public DeadLetterSender(Producer<byte[], byte[]> producer, Duration timeout) {
    this.producer = producer;
    this.timeout = timeout;
  }

  /**
   * A sender for a Kafka Streams error handler, from the Streams configuration it was given. Streams never closes
   * its handlers, so the producer lives as long as the JVM (its I/O thread is a daemon).
   */
  @SuppressWarnings("unchecked")
  public static DeadLetterSender fromStreamsConfig(Map<String, ?> configs, String clientSuffix) {
    Duration timeout = Duration.ofMillis(DEFAULT_SEND_TIMEOUT_MS);
    Object t = configs.get(SEND_TIMEOUT_MS);
    if (t != null) {
      try {
        timeout = Duration.ofMillis(Long.parseLong(t.toString().trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("config " + SEND_TIMEOUT_MS + " must be an integer (ms), got '" + t + "'",
            e);
      }
    }
    Object instance = configs.get(PRODUCER_INSTANCE);
    Producer<byte[], byte[]> producer = instance instanceof Producer<?, ?> p ? (Producer<byte[], byte[]>) p
        : new KafkaProducer<>(producerConfig(configs, clientSuffix), new ByteArraySerializer(),
            new ByteArraySerializer());
    return new DeadLetterSender(producer, timeout);
  }

  /**
   * Sends {@code letter} (or, if the broker finds it too large, the same letter without payload) and returns where
   * it landed.
   *
   * @throws DeadLetterException when neither could be written in time
   */
  public RecordMetadata send(ProducerRecord<byte[], byte[]> letter) {
    try {
      return sendOnce(letter);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw new DeadLetterException("could not write dead letter to " + letter.topic(), e.getCause());
      }
      try {
        return sendOnce(DeadLetters.withoutPayload(letter));
      } catch (ExecutionException again) {
        throw new DeadLetterException("could not write dead letter (payload omitted) to " + letter.topic(),
            again.getCause());
      }
    }
  }

  private RecordMetadata sendOnce(ProducerRecord<byte[], byte[]> letter) throws ExecutionException {
    try {
      return producer.send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DeadLetterException("dead letter to " + letter.topic() + " not acknowledged within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException("interrupted while writing a dead letter to " + letter.topic(), e);
    }
  }

  /** Producer settings for a handler's dead-letter producer: the app's brokers and security, then overrides. */
  static Map<String, Object> producerConfig(Map<String, ?> configs, String clientSuffix) {
    Map<String, Object> out = new HashMap<>();
    out.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    out.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + clientSuffix);
    out.put(ProducerConfig.ACKS_CONFIG, "all");
    out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // The dead-letter producer talks to the same cluster as Streams, so it needs the same credentials.
    out.putAll(ClientSecurity.select(configs));
    configs.forEach((k, v) -> {
      if (k.startsWith(PRODUCER_PREFIX) && !k.equals(PRODUCER_INSTANCE)) {
        out.put(k.substring(PRODUCER_PREFIX.length()), v);
      }
    });
    return out;
  }

  /** A dead letter could not be written: the caller must not move past the source record. */
  public static final class DeadLetterException extends RuntimeException {
    DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
