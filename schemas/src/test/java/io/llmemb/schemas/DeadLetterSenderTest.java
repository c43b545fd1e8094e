package io.llmemb.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The "never lost" rule of {@link DeadLetterSender}, on a producer that refuses the first send. */
class DeadLetterSenderTest {

  /** A producer whose first send fails with {@code first}; later sends succeed. */
  private static MockProducer<byte[], byte[]> failingOnce(RuntimeException first) {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
      private boolean failed;

      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        if (!failed) {
          failed = true;
          CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
          f.completeExceptionally(first);
          return f;
        }
        return super.send(record);
      }
    };
  }

  private static ProducerRecord<byte[], byte[]> letter() {
    return DeadLetters.record(
        "tracking.interactions",
        0,
        7,
        0L,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        "v".getBytes(StandardCharsets.UTF_8),
        new IllegalArgumentException("bad"));
  }

  @Test
  void aLetterTooLargeForTheBrokerGoesAgainWithoutKeyAndValue() {
    MockProducer<byte[], byte[]> producer = failingOnce(new RecordTooLargeException("too large"));
    DeadLetterSender sender = DeadLetterSender.unchecked(producer, Duration.ofSeconds(5));
    assertTrue(sender.send(letter()).isPresent());
    List<ProducerRecord<byte[], byte[]>> written = producer.history();
    assertEquals(1, written.size());
    assertNull(written.get(0).key());
    assertNull(written.get(0).value());
    assertEquals(
        "7", DeadLetters.header(written.get(0), DeadLetters.HEADER_SOURCE_OFFSET), "still located");
    assertEquals(1, sender.sent());
  }

  @Test
  void anyOtherRefusalThrowsSoTheRecordIsNotPassed() {
    DeadLetterSender sender =
        DeadLetterSender.unchecked(
            failingOnce(new SerializationException("nope")), Duration.ofSeconds(5));
    assertThrows(DeadLetterSender.DeadLetterException.class, () -> sender.send(letter()));
    assertEquals(0, sender.sent());
  }
}
