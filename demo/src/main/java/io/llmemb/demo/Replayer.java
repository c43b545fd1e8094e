package io.llmemb.demo;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a sequence of records to one topic at a target rate, with a progress bar, and fails loudly
 * if any send fails (a replay that silently lost records would make every downstream number wrong).
 *
 * @param <T> source element
 * @param <V> record value
 */
final class Replayer<T, V> {

  private final Producer<String, V> producer;
  private final String topic;
  private final Function<T, String> key;
  private final Function<T, V> value;

  Replayer(
      Producer<String, V> producer, String topic, Function<T, String> key, Function<T, V> value) {
    this.producer = producer;
    this.topic = topic;
    this.key = key;
    this.value = value;
  }

  /**
   * Sends every element in order.
   *
   * @param perSecond target rate; {@code <= 0} sends as fast as the producer accepts
   * @return number of records acknowledged by the broker
   */
  long replay(Iterator<T> elements, long total, double perSecond, String label) {
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long sent = 0;
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(label)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" rec", 1)
            .showSpeed()
            .build()) {
      // after the bar: building it can take a while (terminal detection), which must not count as
      // sending time
      long started = System.nanoTime();
      while (elements.hasNext() && failure.get() == null) {
        T element = elements.next();
        producer.send(
            new ProducerRecord<>(topic, key.apply(element), value.apply(element)),
            (meta, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              } else {
                acked.incrementAndGet();
              }
            });
        sent++;
        bar.step();
        pace(started, sent, perSecond);
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "replay to " + topic + " failed after " + acked.get() + " records", failure.get());
    }
    return acked.get();
  }

  /** Sleeps just enough to keep the average rate at {@code perSecond}. */
  private static void pace(long startedNanos, long sent, double perSecond) {
    if (perSecond <= 0) {
      return;
    }
    long dueNanos = startedNanos + (long) (sent / perSecond * 1e9);
    long waitNanos = dueNanos - System.nanoTime();
    if (waitNanos > 1_000_000) {
      try {
        Thread.sleep(Duration.ofNanos(waitNanos).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("replay interrupted", e);
      }
    }
  }
}
