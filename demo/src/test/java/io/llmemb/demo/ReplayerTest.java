package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Sends in order with key and value mapped, paces to the target rate, and never loses a failed send
 * silently.
 */
class ReplayerTest {

  private static MockProducer<String, String> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
  }

  @Test
  void sendsEveryElementInOrderWithItsKeyAndValue() {
    MockProducer<String, String> producer = producer(true);
    long acked =
        new Replayer<Integer, String>(producer, "t", i -> "k" + (i % 2), i -> "v" + i)
            .replay(List.of(1, 2, 3).iterator(), 3, 0, "test");

    assertEquals(3, acked);
    List<ProducerRecord<String, String>> sent = producer.history();
    assertEquals(List.of("k1", "k0", "k1"), sent.stream().map(ProducerRecord::key).toList());
    assertEquals(List.of("v1", "v2", "v3"), sent.stream().map(ProducerRecord::value).toList());
    assertTrue(sent.stream().allMatch(r -> r.topic().equals("t")));
    assertTrue(producer.flushed(), "flushed before returning");
  }

  @Test
  void pacesToTheTargetRate() {
    MockProducer<String, String> producer = producer(true);
    List<Integer> twenty = IntStream.range(0, 20).boxed().toList();
    long t0 = System.nanoTime();
    new Replayer<Integer, String>(producer, "t", String::valueOf, String::valueOf)
        .replay(twenty.iterator(), 20, 100, "paced");
    double seconds = (System.nanoTime() - t0) / 1e9;

    // 20 records at 100/s: the 20th is due at 0.2 s (sleeps shorter than 1 ms are skipped)
    assertTrue(seconds >= 0.18, "too fast: " + seconds + " s");
    assertTrue(seconds < 5, "far too slow: " + seconds + " s");
  }

  @Test
  void rateZeroDoesNotSleep() {
    MockProducer<String, String> producer = producer(true);
    long t0 = System.nanoTime();
    new Replayer<Integer, String>(producer, "t", String::valueOf, String::valueOf)
        .replay(IntStream.range(0, 2000).boxed().iterator(), 2000, 0, "unpaced");
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    assertEquals(2000, producer.history().size());
  }

  @Test
  void aFailedSendStopsTheReplayAndIsThrown() {
    RuntimeException boom = new RuntimeException("broker said no");
    // the broker acks the first record and refuses the second, as soon as each is sent
    MockProducer<String, String> producer =
        new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()) {
          @Override
          public synchronized java.util.concurrent.Future<
                  org.apache.kafka.clients.producer.RecordMetadata>
              send(
                  ProducerRecord<String, String> record,
                  org.apache.kafka.clients.producer.Callback callback) {
            var future = super.send(record, callback);
            if (history().size() == 1) {
              completeNext();
            } else if (history().size() == 2) {
              errorNext(boom);
            }
            return future;
          }
        };

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new Replayer<Integer, String>(producer, "t", String::valueOf, String::valueOf)
                    .replay(IntStream.range(0, 5).boxed().iterator(), 5, 0, "failing"));

    assertSame(boom, e.getCause());
    assertEquals("replay to t failed after 1 records", e.getMessage());
    assertEquals(2, producer.history().size(), "stopped sending after the failure");
  }
}
