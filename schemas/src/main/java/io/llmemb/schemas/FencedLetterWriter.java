package io.llmemb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the letters of one dead-letter topic so that each source record gets exactly one, however
 * many processes (serving instances reading a global topic, an instance restarted after a kill, the
 * trainer re-reading the log) fail it at the same moment.
 *
 * <p>Every writer of {@code <topic>.dlq}, in any process, uses the transactional id {@value
 * #TRANSACTIONAL_ID_PREFIX}{@code <topic>.dlq}. Initialising it fences the previous holder (its
 * open transaction is aborted), so a writer that then reads the topic to its log end sees every
 * letter anyone committed, and while it stays unfenced nobody else can commit one: a letter is sent
 * only when the ledger, caught up after this writer's latest fencing, does not hold its source
 * record, and a writer fenced before its commit goes back to fencing and reading. The same
 * exclusion a Kafka Streams task gets from its transactional producer, here per dead-letter topic.
 * Letters are rare, so one transaction per letter costs nothing that matters.
 *
 * <p>Thread-safe: one letter at a time per topic.
 */
final class FencedLetterWriter implements AutoCloseable {

  /** Prefix of the transactional id every writer of a dead-letter topic shares. */
  static final String TRANSACTIONAL_ID_PREFIX = "llmemb-dlq-writer-";

  /** Fencing rounds lost to other writers before a letter gives up (the caller retries it). */
  private static final int MAX_ROUNDS = 20;

  private static final Logger LOG = LoggerFactory.getLogger(FencedLetterWriter.class);

  private final String dlqTopic;
  private final Map<String, Object> producerConfig;
  private final Map<String, ?> ledgerConfig;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private final Duration timeout;

  /** Holds the transactional id; null before the first letter and after losing it. */
  private Producer<byte[], byte[]> producer;

  /** Loaded on first use; positive answers are valid whether or not this writer is fenced. */
  private DeadLetterLedger ledger;

  FencedLetterWriter(
      String dlqTopic,
      Map<String, ?> clientConfig,
      Function<Map<String, Object>, Producer<byte[], byte[]>> producers,
      Duration timeout) {
    this.dlqTopic = dlqTopic;
    this.ledgerConfig = Map.copyOf(clientConfig);
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + dlqTopic);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // initTransactions, commit and abort block at most this long.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    this.producerConfig = config;
    this.producers = producers;
    this.timeout = timeout;
  }

  /**
   * Whether the record at these coordinates already has a letter, reading what other processes
   * appended if the ledger's last read is older than {@code maxAge}.
   */
  synchronized boolean held(String topic, int partition, long offset, Duration maxAge) {
    DeadLetterLedger l = ledger();
    if (l.alreadyDeadLettered(topic, partition, offset)) {
      return true;
    }
    l.refreshIfOlderThan(maxAge, timeout);
    return l.alreadyDeadLettered(topic, partition, offset);
  }

  /**
   * Sends {@code letter} unless its source record (null: none named) already has one.
   *
   * @return where it landed, or empty when another letter for the same source record is committed
   * @throws DeadLetterSender.DeadLetterException when it could not be written, or the ledger not
   *     read, in time; nothing is committed then, so the caller may try again
   */
  synchronized Optional<RecordMetadata> send(
      ProducerRecord<byte[], byte[]> letter, DeadLetterSender.Source source) {
    try {
      // The ledger is first read after fencing: read before, a letter whose writer died mid-way
      // would hold its partition's log end back until someone fences it.
      if (source != null
          && ledger != null
          && ledger.alreadyDeadLettered(source.topic(), source.partition(), source.offset())) {
        return Optional.empty();
      }
      long deadline = System.nanoTime() + 2 * timeout.toNanos();
      for (int round = 1; ; round++) {
        try {
          if (producer == null) {
            fence();
          }
          if (source != null
              && ledger.alreadyDeadLettered(source.topic(), source.partition(), source.offset())) {
            return Optional.empty();
          }
          RecordMetadata written = writeInTransaction(letter);
          if (source != null) {
            ledger.record(source.topic(), source.partition(), source.offset());
          }
          return Optional.of(written);
        } catch (KafkaException e) {
          // Fenced by another writer, or a transaction whose outcome this writer cannot know (the
          // coordinator answers an unknown error to a commit that races a fence): either way, fence
          // again and read what is committed before deciding.
          abortQuietly();
          discardProducer();
          if (round >= MAX_ROUNDS || System.nanoTime() > deadline) {
            throw new DeadLetterSender.DeadLetterException(
                "lost " + round + " rounds for the writer of " + dlqTopic + " in a row", e);
          }
          LOG.debug(
              "round {} for the writer of {} lost ({}); again", round, dlqTopic, e.toString());
          Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * round));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterSender.DeadLetterException(
          "interrupted while writing a dead letter to " + dlqTopic, e);
    } catch (RuntimeException e) {
      if (e instanceof DeadLetterSender.DeadLetterException d) {
        throw d;
      }
      abortQuietly();
      discardProducer();
      throw new DeadLetterSender.DeadLetterException(
          "could not write dead letter to " + dlqTopic, e);
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
  }

  private DeadLetterLedger ledger() {
    if (ledger == null) {
      ledger = DeadLetterLedger.loadTopic(ledgerConfig, dlqTopic, timeout);
    }
    return ledger;
  }

  /**
   * Takes the transactional id (aborting whatever its previous holder left open), then reads the
   * ledger to the log end: from here on, only this writer can commit a letter.
   */
  private void fence() {
    Producer<byte[], byte[]> p = producers.apply(producerConfig);
    try {
      p.initTransactions();
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
    producer = p;
    ledger().refresh(timeout);
  }

  private RecordMetadata writeInTransaction(ProducerRecord<byte[], byte[]> letter)
      throws InterruptedException {
    producer.beginTransaction();
    RecordMetadata written;
    try {
      written =
          DeadLetterSender.sendWhole(
              producer,
              letter,
              timeout,
              () -> {
                producer.abortTransaction();
                producer.beginTransaction();
              });
    } catch (ExecutionException e) {
      throw refusedOrLost(e.getCause());
    }
    producer.commitTransaction();
    return written;
  }

  /**
   * A failed send: lost to another writer (the round is played again), or refused for a reason no
   * retry changes.
   */
  private static RuntimeException refusedOrLost(Throwable cause) {
    if (cause instanceof ProducerFencedException
        || cause instanceof InvalidProducerEpochException) {
      return (KafkaException) cause;
    }
    return new IllegalStateException("dead letter refused", cause);
  }

  /**
   * Aborts the open transaction, if any, so that readers of the topic need not wait for its
   * timeout.
   */
  private void abortQuietly() {
    if (producer != null) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException e) {
        LOG.debug("could not abort the dead-letter transaction on {}: {}", dlqTopic, e.toString());
      }
    }
  }

  /** A fenced or failed producer cannot be used again; the next letter fences afresh. */
  private void discardProducer() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }
}
