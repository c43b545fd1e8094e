package io.llmemb.schemas;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams handler that sends every record failing deserialization (bad bytes, unknown schema
 * id, ...) to its dead-letter topic {@code <topic>.dlq} as built by {@link DeadLetters}, logs it
 * with a running count, and lets the topology continue. If the dead-letter write itself fails, it
 * answers FAIL so the record is never lost silently. Kafka Streams 4.1 has no built-in dead-letter
 * support, hence this class.
 *
 * <p>Enable with {@code
 * deserialization.exception.handler=io.llmemb.schemas.DeadLetterDeserializationHandler}. Letters go
 * through a {@link DeadLetterSender} built from the Streams configuration (keys prefixed {@value
 * #PRODUCER_PREFIX} override producer settings, e.g. {@code dlq.producer.security.protocol}). The
 * dead-letter write is outside the Streams transaction, and a record is read again after a restart
 * (a global store is restored by re-reading its topic, a task retried under exactly-once re-reads
 * its input); the sender's {@link DeadLetterLedger} keeps that from writing a second letter for the
 * same source record.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  /** Prefix of Streams config keys passed (without the prefix) to the dead-letter producer. */
  public static final String PRODUCER_PREFIX = DeadLetterSender.PRODUCER_PREFIX;

  /** Config key: longest wait, in ms, for a dead-letter write to be acknowledged. */
  public static final String SEND_TIMEOUT_MS = DeadLetterSender.SEND_TIMEOUT_MS;

  /** Default of {@link #SEND_TIMEOUT_MS}. */
  public static final long DEFAULT_SEND_TIMEOUT_MS = DeadLetterSender.DEFAULT_SEND_TIMEOUT_MS;

  /**
   * Config key whose value is a ready {@code Producer<byte[], byte[]>} to use instead of building
   * one (tests).
   */
  public static final String PRODUCER_INSTANCE = DeadLetterSender.PRODUCER_INSTANCE;

  /**
   * Config key whose value is a {@code Predicate<ProducerRecord<byte[], byte[]>>} offered every
   * letter first; it answers true when it took care of the letter. Serving uses it for its global
   * topics, which every instance reads, so that one instance writes each letter.
   */
  public static final String ROUTE_INSTANCE = "dlq.route.instance";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetterSender sender;
  private Predicate<ProducerRecord<byte[], byte[]>> route = letter -> false;

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    sender = DeadLetterSender.fromStreamsConfig(configs, "dlq");
    if (configs.get(ROUTE_INSTANCE) instanceof Predicate<?> p) {
      route = (Predicate<ProducerRecord<byte[], byte[]>>) p;
    }
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    try {
      ProducerRecord<byte[], byte[]> letter = DeadLetters.record(record, exception);
      if (route.test(letter)) {
        return DeserializationHandlerResponse.CONTINUE;
      }
      Optional<RecordMetadata> sent = sender.send(letter);
      sent.ifPresent(
          m ->
              LOG.warn(
                  "dead-lettered record {}-{}@{} (task {}) to {}-{}@{}, {} so far: {}",
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  context.taskId(),
                  m.topic(),
                  m.partition(),
                  m.offset(),
                  sender.sent(),
                  exception.toString()));
      return DeserializationHandlerResponse.CONTINUE;
    } catch (RuntimeException e) {
      LOG.error(
          "could not dead-letter record {}-{}@{}; failing the task so it is not lost",
          record.topic(),
          record.partition(),
          record.offset(),
          e);
      return DeserializationHandlerResponse.FAIL;
    }
  }

  /**
   * Records this handler dead-lettered so far (with a shared {@link
   * DeadLetterSender#SENDER_INSTANCE}, every letter that sender wrote).
   */
  public long deadLettered() {
    return sender.sent();
  }

  /**
   * Failed records this handler did not dead-letter because their letter was already on the
   * dead-letter topic (with a shared sender, all that sender skipped).
   */
  public long skippedDuplicates() {
    return sender.skippedDuplicates();
  }
}
