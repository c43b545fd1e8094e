package io.llmemb.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: a record that cannot be processed goes, byte for byte, to {@code
 * <source topic>.dlq} (same key, value, timestamp and headers) with headers saying what failed and
 * where it came from, so it can be inspected and replayed. Header values are UTF-8 text, except
 * partition and offset which are also text for the console tools' sake.
 */
public final class DeadLetters {

  /** Fully qualified class name of the exception. */
  public static final String HEADER_ERROR_CLASS = "dlq.error.class";

  /** Exception message, cut to {@value #MAX_MESSAGE_CHARS} characters. */
  public static final String HEADER_ERROR_MESSAGE = "dlq.error.message";

  /** Topic the record was read from. */
  public static final String HEADER_SOURCE_TOPIC = "dlq.source.topic";

  /** Partition the record was read from (decimal text). */
  public static final String HEADER_SOURCE_PARTITION = "dlq.source.partition";

  /** Offset of the record in its partition (decimal text). */
  public static final String HEADER_SOURCE_OFFSET = "dlq.source.offset";

  /** Longest error message kept; long Avro messages would bloat every header. */
  public static final int MAX_MESSAGE_CHARS = 1_000;

  /**
   * Set (to the omitted byte counts, {@code "key=N,value=M"}) on a dead letter whose key and value
   * were left out because the full copy exceeded the broker's message size; the source coordinates
   * still locate the original.
   */
  public static final String HEADER_PAYLOAD_OMITTED = "dlq.payload.omitted";

  private DeadLetters() {}

  /** The dead-letter record for {@code source}, which failed with {@code error}. */
  public static ProducerRecord<byte[], byte[]> record(
      ConsumerRecord<byte[], byte[]> source, Throwable error) {
    Objects.requireNonNull(source, "source");
    return record(
        source.topic(),
        source.partition(),
        source.offset(),
        source.timestamp(),
        source.headers(),
        source.key(),
        source.value(),
        error);
  }

  /**
   * The dead-letter record of the source record at {@code topic}-{@code partition}@{@code offset}
   * with the given raw key, value and headers (e.g. from a Kafka Streams {@code
   * ErrorHandlerContext}).
   */
  public static ProducerRecord<byte[], byte[]> record(
      String topic,
      int partition,
      long offset,
      long timestamp,
      Iterable<Header> sourceHeaders,
      byte[] key,
      byte[] value,
      Throwable error) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(error, "error");
    RecordHeaders headers = new RecordHeaders();
    if (sourceHeaders != null) {
      for (Header h : sourceHeaders) {
        headers.add(h);
      }
    }
    headers.add(HEADER_ERROR_CLASS, utf8(error.getClass().getName()));
    headers.add(HEADER_ERROR_MESSAGE, utf8(truncate(String.valueOf(error.getMessage()))));
    headers.add(HEADER_SOURCE_TOPIC, utf8(topic));
    headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(partition)));
    headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(offset)));
    Long ts = timestamp >= 0 ? timestamp : null;
    return new ProducerRecord<>(TopicNames.dlq(topic), null, ts, key, value, headers);
  }

  /**
   * The same dead letter without its key and value, marked {@link #HEADER_PAYLOAD_OMITTED}: what to
   * send when the full copy is too large for the broker, so the reason and the source coordinates
   * still arrive.
   */
  public static ProducerRecord<byte[], byte[]> withoutPayload(
      ProducerRecord<byte[], byte[]> letter) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : letter.headers()) {
      // Source headers may be what made the copy too large; ours are small and enough to find the
      // original.
      if (h.key().startsWith("dlq.")) {
        headers.add(h);
      }
    }
    headers.add(
        HEADER_PAYLOAD_OMITTED,
        utf8("key=" + length(letter.key()) + ",value=" + length(letter.value())));
    return new ProducerRecord<>(letter.topic(), null, letter.timestamp(), null, null, headers);
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  /**
   * Text of header {@code name} of {@code record} (the last one if repeated), or null when absent.
   */
  public static String header(ProducerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : StandardCharsets.UTF_8.decode(ByteBuffer.wrap(h.value())).toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String truncate(String s) {
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
