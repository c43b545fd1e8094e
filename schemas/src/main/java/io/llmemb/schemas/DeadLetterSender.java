package io.llmemb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters, each source record once, and waits for the broker's acknowledgement. Every
 * service that dead-letters (the Streams handlers, serving's global stores, the trainer) sends
 * through one of these:
 *
 * <ul>
 *   <li><b>Once</b>: with client settings to read them, a {@link DeadLetterLedger} per source topic
 *       (loaded on the first letter) says which source records already have a letter, written by
 *       this process before a restart, by a global-store replay, by another instance or by another
 *       service; those are skipped. A ledger that cannot be read is not a reason to lose a record:
 *       the letter is then sent without that check.
 *   <li><b>Never lost</b>: a letter too large for the broker (the source record was near the size
 *       limit and the reason headers pushed it over) is sent again without key and value ({@link
 *       DeadLetters#withoutPayload}); anything else that fails throws {@link DeadLetterException}
 *       so the caller does not move past the record.
 * </ul>
 *
 * Thread-safe.
 */
public final class DeadLetterSender implements AutoCloseable {

  /** Prefix of Streams config keys passed (without the prefix) to the dead-letter producer. */
  public static final String PRODUCER_PREFIX = "dlq.producer.";

  /** Config key: longest wait, in ms, for a dead-letter write to be acknowledged. */
  public static final String SEND_TIMEOUT_MS = "dlq.send.timeout.ms";

  /** Default of {@link #SEND_TIMEOUT_MS}. */
  public static final long DEFAULT_SEND_TIMEOUT_MS = 10_000;

  /**
   * Config key whose value is a ready {@code Producer<byte[], byte[]>} to use instead of building
   * one (tests).
   */
  public static final String PRODUCER_INSTANCE = "dlq.producer.instance";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSender.class);

  /**
   * How stale a ledger may be before a record it does not hold makes it read the dead-letter topic
   * again.
   */
  private static final Duration LEDGER_MAX_AGE = Duration.ofSeconds(1);

  private final Producer<byte[], byte[]> producer;
  private final Duration timeout;

  /** Settings the ledgers are read with; null for a sender without ledgers (injected producer). */
  private final Map<String, Object> ledgerConfig;

  private final Map<String, DeadLetterLedger> ledgers = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  /**
   * Sends through {@code producer}, waiting at most {@code timeout} per letter.
   *
   * @param ledgerConfig Kafka client settings to read the dead-letter topics with; null sends
   *     without the once-only check
   */
  public DeadLetterSender(
      Producer<byte[], byte[]> producer, Duration timeout, Map<String, ?> ledgerConfig) {
    this.producer = producer;
    this.timeout = timeout;
    this.ledgerConfig = ledgerConfig == null ? null : Map.copyOf(ledgerConfig);
  }

  /**
   * A sender with its own idempotent producer and ledgers, from Kafka client settings (bootstrap,
   * security).
   */
  public static DeadLetterSender create(
      Map<String, ?> clientConfig, String clientId, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new DeadLetterSender(
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        timeout,
        config);
  }

  /**
   * A sender for a Kafka Streams error handler, from the Streams configuration it was given: the
   * app's brokers and security, keys prefixed {@value #PRODUCER_PREFIX} as producer overrides,
   * {@value #SEND_TIMEOUT_MS}. Streams never closes its handlers, so the producer lives as long as
   * the JVM (its I/O thread is a daemon). An injected {@value #PRODUCER_INSTANCE} comes without
   * settings to read ledgers with, so then there are none.
   */
  @SuppressWarnings("unchecked")
  public static DeadLetterSender fromStreamsConfig(Map<String, ?> configs, String clientSuffix) {
    Duration timeout = Duration.ofMillis(DEFAULT_SEND_TIMEOUT_MS);
    Object t = configs.get(SEND_TIMEOUT_MS);
    if (t != null) {
      try {
        timeout = Duration.ofMillis(Long.parseLong(t.toString().trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "config " + SEND_TIMEOUT_MS + " must be an integer (ms), got '" + t + "'", e);
      }
    }
    if (configs.get(PRODUCER_INSTANCE) instanceof Producer<?, ?> p) {
      return new DeadLetterSender((Producer<byte[], byte[]>) p, timeout, null);
    }
    Map<String, Object> client = new HashMap<>(ClientSecurity.select(configs));
    client.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    configs.forEach(
        (k, v) -> {
          if (k.startsWith(PRODUCER_PREFIX) && !k.equals(PRODUCER_INSTANCE)) {
            client.put(k.substring(PRODUCER_PREFIX.length()), v);
          }
        });
    return create(
        client, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + clientSuffix, timeout);
  }

  /**
   * Sends {@code letter} (built by {@link DeadLetters}) unless its source record already has one.
   *
   * @return where it landed, or empty when it was skipped as a duplicate
   * @throws DeadLetterException when it could not be written in time
   */
  public Optional<RecordMetadata> send(ProducerRecord<byte[], byte[]> letter) {
    Source source = Source.of(letter);
    DeadLetterLedger ledger = source == null ? null : ledger(source.topic());
    if (ledger != null && alreadyDeadLettered(ledger, source)) {
      skipped.incrementAndGet();
      LOG.debug(
          "{}-{}@{} already has a letter on {}; not sent again",
          source.topic(),
          source.partition(),
          source.offset(),
          letter.topic());
      return Optional.empty();
    }
    RecordMetadata written = write(letter);
    if (ledger != null) {
      ledger.record(source.topic(), source.partition(), source.offset());
    }
    sent.incrementAndGet();
    return Optional.of(written);
  }

  /**
   * Whether the source record of {@code letter} already has a letter on the broker (as far as the
   * ledger, caught up at most a second ago, knows); false without a ledger.
   */
  public boolean alreadySent(ProducerRecord<byte[], byte[]> letter) {
    Source source = Source.of(letter);
    DeadLetterLedger ledger = source == null ? null : ledger(source.topic());
    return ledger != null && alreadyDeadLettered(ledger, source);
  }

  /** Letters written so far. */
  public long sent() {
    return sent.get();
  }

  /** Letters skipped because their source record already had one. */
  public long skippedDuplicates() {
    return skipped.get();
  }

  @Override
  public void close() {
    producer.close(timeout);
  }

  private RecordMetadata write(ProducerRecord<byte[], byte[]> letter) {
    try {
      return sendOnce(letter);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw new DeadLetterException(
            "could not write dead letter to " + letter.topic(), e.getCause());
      }
      LOG.warn(
          "dead letter for {} too large for the broker; sending it without key and value",
          letter.topic());
      try {
        return sendOnce(DeadLetters.withoutPayload(letter));
      } catch (ExecutionException again) {
        throw new DeadLetterException(
            "could not write dead letter (payload omitted) to " + letter.topic(), again.getCause());
      }
    }
  }

  private RecordMetadata sendOnce(ProducerRecord<byte[], byte[]> letter) throws ExecutionException {
    try {
      return producer.send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DeadLetterException(
          "dead letter to " + letter.topic() + " not acknowledged within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException(
          "interrupted while writing a dead letter to " + letter.topic(), e);
    }
  }

  /**
   * Whether the ledger holds the record, after catching up with letters other processes appended
   * since it was read. A read that fails counts as "not held": a duplicate letter beats a lost one.
   */
  private boolean alreadyDeadLettered(DeadLetterLedger ledger, Source s) {
    if (ledger.alreadyDeadLettered(s.topic(), s.partition(), s.offset())) {
      return true;
    }
    try {
      ledger.refreshIfOlderThan(LEDGER_MAX_AGE, timeout);
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot catch up with {} ({}); dead-lettering {}-{}@{} without that check",
          ledger.dlqTopic(),
          e.toString(),
          s.topic(),
          s.partition(),
          s.offset());
      return false;
    }
    return ledger.alreadyDeadLettered(s.topic(), s.partition(), s.offset());
  }

  /**
   * The ledger of {@code topic}'s dead letters, loaded on first use; null without one, or when it
   * cannot be read now (the next letter tries again): sending a possible duplicate beats stalling.
   */
  private DeadLetterLedger ledger(String topic) {
    if (ledgerConfig == null) {
      return null;
    }
    DeadLetterLedger known = ledgers.get(topic);
    if (known != null) {
      return known;
    }
    try {
      return ledgers.computeIfAbsent(topic, t -> DeadLetterLedger.load(ledgerConfig, t, timeout));
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot read {} to skip records already dead-lettered ({}); dead-lettering without that check",
          TopicNames.dlq(topic),
          e.toString());
      return null;
    }
  }

  /** The source coordinates a letter's headers name; null for a letter without them. */
  private record Source(String topic, int partition, long offset) {
    static Source of(ProducerRecord<byte[], byte[]> letter) {
      String topic = DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_TOPIC);
      String partition = DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_PARTITION);
      String offset = DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_OFFSET);
      if (topic == null || partition == null || offset == null) {
        return null;
      }
      try {
        int p = Integer.parseInt(partition);
        long o = Long.parseLong(offset);
        return p < 0 || o < 0 ? null : new Source(topic, p, o);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A dead letter could not be written: the caller must not move past the source record. */
  public static final class DeadLetterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
