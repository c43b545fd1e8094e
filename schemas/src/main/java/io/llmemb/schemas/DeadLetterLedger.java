package io.llmemb.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The source coordinates (topic, partition, offset) already on a dead-letter topic, so a record
 * that is read again (a trainer re-reading its log for every snapshot, a Streams global store
 * restored after a restart, two services reading the same topic) is dead-lettered once, not once
 * per read. Built from the {@link DeadLetters#HEADER_SOURCE_TOPIC dlq.source.*} headers of {@code
 * <topic>.dlq}, read with {@code read_committed} from its start to the end offsets seen at load
 * time; letters this process sends afterwards are added with {@link #record}, letters other
 * processes append are read by {@link #refresh}. Thread-safe.
 *
 * <p>What no ledger can see: a letter another process sends between this ledger's last read and
 * this process's send. {@link DeadLetterSender} closes that window by fencing: every writer of one
 * dead-letter topic shares a transactional id and reads the ledger only after it fenced the others
 * (see {@code FencedLetterWriter}).
 */
public final class DeadLetterLedger {

  private final String dlqTopic;

  /** Consumer settings of the reads; null for a ledger that never reads the topic. */
  private final Map<String, Object> readConfig;

  private final Set<Coordinates> sent = ConcurrentHashMap.newKeySet();

  /** End offsets of the last read: the next refresh starts there. */
  private Map<TopicPartition, Long> readUpTo = Map.of();

  private long lastReadNanos;

  private record Coordinates(String topic, int partition, long offset) {}

  private DeadLetterLedger(String dlqTopic, Map<String, Object> readConfig) {
    this.dlqTopic = dlqTopic;
    this.readConfig = readConfig;
  }

  /**
   * Reads {@code <sourceTopic>.dlq} to its current end. A dead-letter topic that does not exist yet
   * gives an empty ledger.
   *
   * @param clientConfig Kafka client settings (bootstrap servers, security); producer-only keys are
   *     left out
   * @param sourceTopic the topic whose dead letters to load (not the {@code .dlq} topic itself)
   * @param timeout longest time the read may take
   * @throws IllegalStateException when the dead-letter topic cannot be read to its end in time
   */
  public static DeadLetterLedger load(
      Map<String, ?> clientConfig, String sourceTopic, Duration timeout) {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    return loadTopic(clientConfig, TopicNames.dlq(sourceTopic), timeout);
  }

  /** As {@link #load}, named by the dead-letter topic itself. */
  static DeadLetterLedger loadTopic(
      Map<String, ?> clientConfig, String dlqTopic, Duration timeout) {
    DeadLetterLedger ledger =
        new DeadLetterLedger(
            Objects.requireNonNull(dlqTopic, "dlqTopic"), consumerConfig(clientConfig));
    ledger.refresh(timeout);
    return ledger;
  }

  /**
   * An empty ledger of {@code sourceTopic}'s dead letters that never reads the topic (tests, no
   * broker).
   */
  public static DeadLetterLedger empty(String sourceTopic) {
    return new DeadLetterLedger(
        TopicNames.dlq(Objects.requireNonNull(sourceTopic, "sourceTopic")), null);
  }

  /**
   * Reads the letters appended to the dead-letter topic since the last read (by this process or any
   * other), up to its current log end: a letter committed behind a transaction still open (a writer
   * that died mid-letter, until the next writer fences it) is waited for, not skipped.
   *
   * @throws IllegalStateException when the topic cannot be read to its end in time; the ledger
   *     keeps what it had
   */
  public synchronized void refresh(Duration timeout) {
    if (readConfig != null) {
      readUpTo =
          Map.copyOf(TopicReader.read(readConfig, dlqTopic, readUpTo, timeout, this::add, true));
      lastReadNanos = System.nanoTime();
    }
  }

  /**
   * {@link #refresh} unless the last read is younger than {@code maxAge}: a burst of bad records
   * then costs one read per {@code maxAge}, not one per record.
   */
  public synchronized void refreshIfOlderThan(Duration maxAge, Duration timeout) {
    if (System.nanoTime() - lastReadNanos >= maxAge.toNanos()) {
      refresh(timeout);
    }
  }

  /**
   * Whether the record at these source coordinates is on the dead-letter topic (as loaded, or
   * recorded since).
   */
  public boolean alreadyDeadLettered(String topic, int partition, long offset) {
    return sent.contains(new Coordinates(topic, partition, offset));
  }

  /**
   * Notes that the record at these source coordinates was dead-lettered (call once its letter is
   * acknowledged).
   */
  public void record(String topic, int partition, long offset) {
    sent.add(new Coordinates(Objects.requireNonNull(topic, "topic"), partition, offset));
  }

  /** Distinct source records known to be dead-lettered. */
  public int size() {
    return sent.size();
  }

  /** The dead-letter topic this ledger describes. */
  public String dlqTopic() {
    return dlqTopic;
  }

  private void add(ConsumerRecord<byte[], byte[]> letter) {
    String topic = header(letter, DeadLetters.HEADER_SOURCE_TOPIC);
    String partition = header(letter, DeadLetters.HEADER_SOURCE_PARTITION);
    String offset = header(letter, DeadLetters.HEADER_SOURCE_OFFSET);
    if (topic == null || partition == null || offset == null) {
      // Not written by DeadLetters (e.g. produced by hand): it names no source, so it deduplicates
      // nothing.
      return;
    }
    try {
      record(topic, Integer.parseInt(partition.trim()), Long.parseLong(offset.trim()));
    } catch (NumberFormatException e) {
      // Same reasoning: a letter whose coordinates do not parse cannot match a source record.
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * The consumer settings among {@code clientConfig}: a producer's config (acks, idempotence,
   * serializers) would otherwise make the consumer warn about unknown keys, and its client id would
   * clash with the producer's metrics name.
   */
  private static Map<String, Object> consumerConfig(Map<String, ?> clientConfig) {
    Map<String, Object> out = new HashMap<>();
    clientConfig.forEach(
        (k, v) -> {
          if (v != null
              && ConsumerConfig.configNames().contains(k)
              && !k.equals(CommonClientConfigs.CLIENT_ID_CONFIG)
              && !k.equals(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
              && !k.equals(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
            out.put(k, v);
          }
        });
    out.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return out;
  }
}
