package io.llmemb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams handler that sends every record failing deserialization (bad bytes, unknown schema id, ...)
 * to its dead-letter topic {@code <topic>.dlq} as built by {@link DeadLetters}, logs it with a running count,
 * and lets the topology continue. If the dead-letter write itself fails, it answers FAIL so the record is
 * never lost silently. Kafka Streams 4.1 has no built-in dead-letter support, hence this class.
 *
 * <p>Enable with {@code deserialization.exception.handler=io.llmemb.schemas.DeadLetterDeserializationHandler}.
 * It builds its own idempotent producer from the Streams {@code bootstrap.servers}; keys prefixed
 * {@value #PRODUCER_PREFIX} override producer settings (e.g. {@code dlq.producer.security.protocol}). The
 * dead-letter write is outside the Streams transaction, and a record is read again after a restart (a global
 * store is restored by re-reading its topic, a task retried under exactly-once re-reads its input). So that every
 * source record is dead-lettered once, the handler consults a {@link DeadLetterLedger} of {@code <topic>.dlq},
 * loaded with the producer's settings the first time a record of that topic fails, and skips a record the ledger
 * already holds. A producer passed as {@value #PRODUCER_INSTANCE} comes without settings to read the ledger with,
 * so then there is no ledger. Streams never closes its handlers, so the producer lives as long as the JVM (its I/O
 * thread is a daemon).
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  /** Prefix of Streams config keys passed (without the prefix) to the dead-letter producer. */
  public static final String PRODUCER_PREFIX = "dlq.producer.";
  /** Config key: longest wait, in ms, for a dead-letter write to be acknowledged. */
  public static final String SEND_TIMEOUT_MS = "dlq.send.timeout.ms";
  /** Default of {@link #SEND_TIMEOUT_MS}. */
  public static final long DEFAULT_SEND_TIMEOUT_MS = 10_000;
  /** Config key whose value is a ready {@code Producer<byte[], byte[]>} to use instead of building one (tests). */
  public static final String PRODUCER_INSTANCE = "dlq.producer.instance";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  /** How stale the ledger may be before an unknown failed record makes it read the dead-letter topic again. */
  private static final Duration LEDGER_MAX_AGE = Duration.ofSeconds(1);

  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong skippedDuplicates = new AtomicLong();
  private final Map<String, DeadLetterLedger> ledgers = new ConcurrentHashMap<>();
  private Producer<byte[], byte[]> producer;
  /** Settings the ledgers are read with; null when the producer was injected (no ledger). */
  private Map<String, Object> ledgerConfig;
  private Duration sendTimeout = Duration.ofMillis(DEFAULT_SEND_TIMEOUT_MS);

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    Object timeout = configs.get(SEND_TIMEOUT_MS);
    if (timeout != null) {
      try {
        sendTimeout = Duration.ofMillis(Long.parseLong(timeout.toString().trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("config " + SEND_TIMEOUT_MS + " must be an integer (ms), got '" + timeout
            + "'", e);
      }
    }
    Object instance = configs.get(PRODUCER_INSTANCE);
    if (instance instanceof Producer<?, ?> p) {
      producer = (Producer<byte[], byte[]>) p;
    } else {
      ledgerConfig = producerConfig(configs);
      producer = new KafkaProducer<>(ledgerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }
  }

  @Override
  public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    ProducerRecord<byte[], byte[]> letter = DeadLetters.record(record, exception);
    DeadLetterLedger ledger = ledger(record.topic());
    if (ledger != null && alreadyDeadLettered(ledger, record)) {
      LOG.debug("record {}-{}@{} is already on {}; not dead-lettered again ({} skipped so far)", record.topic(),
          record.partition(), record.offset(), letter.topic(), skippedDuplicates.incrementAndGet());
      return DeserializationHandlerResponse.CONTINUE;
    }
    try {
      RecordMetadata sent = producer.send(letter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (ledger != null) {
        ledger.record(record.topic(), record.partition(), record.offset());
      }
      LOG.warn("dead-lettered record {}-{}@{} (task {}) to {}-{}@{}, {} so far: {}", record.topic(),
          record.partition(), record.offset(), context.taskId(), sent.topic(), sent.partition(), sent.offset(),
          deadLettered.incrementAndGet(), exception.toString());
      return DeserializationHandlerResponse.CONTINUE;
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("could not dead-letter record {}-{}@{} to {}; failing the task so it is not lost", record.topic(),
          record.partition(), record.offset(), letter.topic(), e);
      return DeserializationHandlerResponse.FAIL;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeserializationHandlerResponse.FAIL;
    }
  }

  /** Records this handler dead-lettered so far. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Failed records this handler did not dead-letter because their letter was already on the dead-letter topic. */
  public long skippedDuplicates() {
    return skippedDuplicates.get();
  }

  /**
   * Whether the ledger holds the record, after catching up with letters other processes (the trainer, another
   * instance) appended since it was read. A read that fails counts as "not held": a duplicate letter beats a lost
   * one.
   */
  private boolean alreadyDeadLettered(DeadLetterLedger ledger, ConsumerRecord<byte[], byte[]> record) {
    if (ledger.alreadyDeadLettered(record.topic(), record.partition(), record.offset())) {
      return true;
    }
    try {
      ledger.refreshIfOlderThan(LEDGER_MAX_AGE, sendTimeout);
    } catch (RuntimeException e) {
      LOG.warn("cannot catch up with {} ({}); dead-lettering {}-{}@{} without that check", ledger.dlqTopic(),
          e.toString(), record.topic(), record.partition(), record.offset());
      return false;
    }
    return ledger.alreadyDeadLettered(record.topic(), record.partition(), record.offset());
  }

  /**
   * The ledger of {@code topic}'s dead letters, loaded on first use; null without one (injected producer) or when
   * it cannot be read now. Sending a possible duplicate then beats failing the task: a duplicate letter is
   * visible and harmless, a stalled topology is not; the next failure tries the load again.
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
      return ledgers.computeIfAbsent(topic, t -> DeadLetterLedger.load(ledgerConfig, t, sendTimeout));
    } catch (RuntimeException e) {
      LOG.warn("cannot read {} to skip records already dead-lettered ({}); dead-lettering without that check",
          TopicNames.dlq(topic), e.toString());
      return null;
    }
  }

  private static Map<String, Object> producerConfig(Map<String, ?> configs) {
    Map<String, Object> out = new HashMap<>();
    out.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    out.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dlq");
    out.put(ProducerConfig.ACKS_CONFIG, "all");
    out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    configs.forEach((k, v) -> {
      if (k.startsWith(PRODUCER_PREFIX) && !k.equals(PRODUCER_INSTANCE)) {
        out.put(k.substring(PRODUCER_PREFIX.length()), v);
      }
    });
    return out;
  }
}
