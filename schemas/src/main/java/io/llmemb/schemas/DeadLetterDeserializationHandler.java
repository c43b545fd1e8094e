package io.llmemb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * dead-letter write is outside the Streams transaction: under exactly-once a retried task may write a dead
 * letter twice, which is harmless for a diagnostic topic. Streams never closes its handlers, so the producer
 * lives as long as the JVM (its I/O thread is a daemon).
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

  private final AtomicLong deadLettered = new AtomicLong();
  private Producer<byte[], byte[]> producer;
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
    producer = instance instanceof Producer<?, ?> p ? (Producer<byte[], byte[]>) p : new KafkaProducer<>(
        producerConfig(configs), new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    ProducerRecord<byte[], byte[]> letter = DeadLetters.record(record, exception);
    try {
      RecordMetadata sent = producer.send(letter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
