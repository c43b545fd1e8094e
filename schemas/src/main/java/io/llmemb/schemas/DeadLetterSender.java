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
import java.util.function.Function;
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
 * Writes dead letters, each source record exactly once, and waits for the broker's acknowledgement.
 * Every service that dead-letters (the Streams handlers, serving's processors and global stores,
 * the trainer) sends through one of these:
 *
 * <ul>
 *   <li><b>Once</b>: with client settings, each dead-letter topic is written by a {@link
 *       FencedLetterWriter}: all its writers, in every process, share one transactional id, so a
 *       writer fences the others, reads the topic's {@link DeadLetterLedger} to its end and only
 *       then decides; a source record that already has a letter (written before a restart, by a
 *       global-store replay, by another instance or another service) is skipped, and two processes
 *       failing the same record at the same moment still write one letter.
 *   <li><b>Never lost</b>: a letter too large for the broker (the source record was near the size
 *       limit and the reason headers pushed it over) is sent again without key and value ({@link
 *       DeadLetters#withoutPayload}); anything else that fails, the ledger read included, throws
 *       {@link DeadLetterException} so the caller does not move past the record.
 * </ul>
 *
 * Writers need the {@code Write} and {@code Describe} ACLs on the transactional ids prefixed
 * {@value FencedLetterWriter#TRANSACTIONAL_ID_PREFIX}. Thread-safe.
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
   * one (tests): letters then go out without the once-only check.
   */
  public static final String PRODUCER_INSTANCE = "dlq.producer.instance";

  /**
   * Config key whose value is a ready {@code DeadLetterSender} for the Streams handlers to share
   * (one writer per dead-letter topic in a process, not one per handler).
   */
  public static final String SENDER_INSTANCE = "dlq.sender.instance";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSender.class);

  /**
   * How stale a ledger may be before a record it does not hold makes it read the dead-letter topic
   * again.
   */
  private static final Duration LEDGER_MAX_AGE = Duration.ofSeconds(1);

  /** The injected producer of a sender without ledgers; null otherwise. */
  private final Producer<byte[], byte[]> unchecked;

  private final Duration timeout;

  /** Settings the writers' producers and ledgers are built from; null with an injected producer. */
  private final Map<String, Object> clientConfig;

  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private final Map<String, FencedLetterWriter> writers = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  private DeadLetterSender(
      Producer<byte[], byte[]> unchecked,
      Duration timeout,
      Map<String, Object> clientConfig,
      Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this.unchecked = unchecked;
    this.timeout = timeout;
    this.clientConfig = clientConfig;
    this.producers = producers;
  }

  /**
   * A sender that writes through {@code producer} as it is, without the once-only check (tests with
   * a mock producer).
   */
  public static DeadLetterSender unchecked(Producer<byte[], byte[]> producer, Duration timeout) {
    return new DeadLetterSender(producer, timeout, null, null);
  }

  /**
   * A sender with its own transactional producer per dead-letter topic and ledgers, from Kafka
   * client settings (bootstrap, security).
   */
  public static DeadLetterSender create(
      Map<String, ?> clientConfig, String clientId, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new DeadLetterSender(
        null,
        timeout,
        Map.copyOf(config),
        c -> new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  /**
   * A sender for a Kafka Streams error handler, from the Streams configuration it was given: a
   * shared {@value #SENDER_INSTANCE} when there is one, else the app's brokers and security, keys
   * prefixed {@value #PRODUCER_PREFIX} as producer overrides, {@value #SEND_TIMEOUT_MS}. Streams
   * never closes its handlers, so the producers live as long as the JVM (their I/O threads are
   * daemons). An injected {@value #PRODUCER_INSTANCE} comes without settings to read ledgers with,
   * so then there are none.
   */
  @SuppressWarnings("unchecked")
  public static DeadLetterSender fromStreamsConfig(Map<String, ?> configs, String clientSuffix) {
    if (configs.get(SENDER_INSTANCE) instanceof DeadLetterSender shared) {
      return shared;
    }
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
      return unchecked((Producer<byte[], byte[]>) p, timeout);
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
    Optional<RecordMetadata> written =
        unchecked != null
            ? Optional.of(writeUnchecked(letter))
            : writer(letter.topic()).send(letter, source);
    if (written.isEmpty()) {
      skipped.incrementAndGet();
      LOG.debug(
          "{}-{}@{} already has a letter on {}; not sent again",
          source.topic(),
          source.partition(),
          source.offset(),
          letter.topic());
    } else {
      sent.incrementAndGet();
    }
    return written;
  }

  /**
   * Whether the source record of {@code letter} already has a letter on the broker (as far as the
   * ledger, caught up at most a second ago, knows); false without a ledger, or when it cannot be
   * read now ({@link #send} then decides).
   */
  public boolean alreadySent(ProducerRecord<byte[], byte[]> letter) {
    Source source = Source.of(letter);
    if (unchecked != null || source == null) {
      return false;
    }
    try {
      return writer(letter.topic())
          .held(source.topic(), source.partition(), source.offset(), LEDGER_MAX_AGE);
    } catch (RuntimeException e) {
      LOG.warn("cannot read {} now ({}); the letter's send decides", letter.topic(), e.toString());
      return false;
    }
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
    if (unchecked != null) {
      unchecked.close(timeout);
    }
    writers.values().forEach(FencedLetterWriter::close);
  }

  private FencedLetterWriter writer(String dlqTopic) {
    return writers.computeIfAbsent(
        dlqTopic, t -> new FencedLetterWriter(t, clientConfig, producers, timeout));
  }

  private RecordMetadata writeUnchecked(ProducerRecord<byte[], byte[]> letter) {
    try {
      return sendWhole(unchecked, letter, timeout, () -> {});
    } catch (ExecutionException e) {
      throw new DeadLetterException(
          "could not write dead letter to " + letter.topic(), e.getCause());
    } catch (IllegalStateException e) {
      throw new DeadLetterException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException(
          "interrupted while writing a dead letter to " + letter.topic(), e);
    }
  }

  /**
   * Sends {@code letter} through {@code producer} and waits for it at most {@code timeout}; a
   * letter too large for the broker goes again without key and value ({@link
   * DeadLetters#withoutPayload}), after {@code beforeRetry}. The "never lost" rule, for the fenced
   * and the unchecked writer alike.
   *
   * @throws ExecutionException the broker refused it for another reason (the cause says which)
   * @throws IllegalStateException it was not acknowledged in time
   */
  static RecordMetadata sendWhole(
      Producer<byte[], byte[]> producer,
      ProducerRecord<byte[], byte[]> letter,
      Duration timeout,
      Runnable beforeRetry)
      throws ExecutionException, InterruptedException {
    try {
      return await(producer, letter, timeout);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw e;
      }
      LOG.warn(
          "dead letter for {} too large for the broker; sending it without key and value",
          letter.topic());
      beforeRetry.run();
      return await(producer, DeadLetters.withoutPayload(letter), timeout);
    }
  }

  private static RecordMetadata await(
      Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> letter, Duration timeout)
      throws ExecutionException, InterruptedException {
    try {
      return producer.send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "dead letter to " + letter.topic() + " not acknowledged within " + timeout, e);
    }
  }

  /** The source coordinates a letter's headers name; null for a letter without them. */
  record Source(String topic, int partition, long offset) {
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
