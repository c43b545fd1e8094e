package io.llmemb.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.llmemb.schemas.errors.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void keepsTheRawRecordAndAddsWhatFailedAndWhere() {
    RecordHeaders original = new RecordHeaders();
    original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    byte[] key = "u1".getBytes(StandardCharsets.UTF_8);
    byte[] value = {1, 2, 3};
    ConsumerRecord<byte[], byte[]> source =
        new ConsumerRecord<>(
            TopicNames.INTERACTIONS,
            3,
            1234L,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            key.length,
            value.length,
            key,
            value,
            original,
            Optional.empty());

    ProducerRecord<byte[], byte[]> dlq =
        DeadLetters.record(
            source,
            new WireFormatException("topic tracking.interactions: unknown magic byte 0x01", null));

    assertEquals("tracking.interactions.dlq", dlq.topic());
    assertNull(dlq.partition(), "the DLQ's own partitioner picks the partition");
    assertArrayEquals(key, dlq.key());
    assertArrayEquals(value, dlq.value());
    assertEquals(1_700_000_000_000L, dlq.timestamp());
    assertEquals("abc", DeadLetters.header(dlq, "trace"));
    assertEquals(
        WireFormatException.class.getName(),
        DeadLetters.header(dlq, DeadLetters.HEADER_ERROR_CLASS));
    assertEquals(
        "topic tracking.interactions: unknown magic byte 0x01",
        DeadLetters.header(dlq, DeadLetters.HEADER_ERROR_MESSAGE));
    assertEquals(TopicNames.INTERACTIONS, DeadLetters.header(dlq, DeadLetters.HEADER_SOURCE_TOPIC));
    assertEquals("3", DeadLetters.header(dlq, DeadLetters.HEADER_SOURCE_PARTITION));
    assertEquals("1234", DeadLetters.header(dlq, DeadLetters.HEADER_SOURCE_OFFSET));
  }

  @Test
  void longMessagesAreCut() {
    ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("t", 0, 0L, null, new byte[0]);
    ProducerRecord<byte[], byte[]> dlq =
        DeadLetters.record(source, new IllegalStateException("x".repeat(5000)));
    assertEquals(
        DeadLetters.MAX_MESSAGE_CHARS + 3,
        DeadLetters.header(dlq, DeadLetters.HEADER_ERROR_MESSAGE).length());
  }
}
