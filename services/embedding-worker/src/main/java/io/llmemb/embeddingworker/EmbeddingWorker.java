package io.llmemb.embeddingworker;

import io.llmemb.schemas.ClientSecurity;
import io.llmemb.schemas.DeadLetterLedger;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-embed-produce loop on its own thread: {@code catalog.items} in, {@code
 * catalog.item_embeddings} (and {@code catalog.items.dlq}) out, decisions by {@link
 * EmbeddingBatcher}. Offsets are committed only after every output record of the batch was
 * acknowledged (at-least-once); replays are harmless because the index, rebuilt from the output
 * topic on each partition assignment, skips items whose embedding is already published. On any
 * failure the loop closes its clients and starts over from the committed offsets.
 */
@Singleton
public final class EmbeddingWorker {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);
  private static final Duration RESTART_BACKOFF = Duration.ofSeconds(2);
  private static final Duration INDEX_LOAD_TIMEOUT = Duration.ofMinutes(2);

  private final WorkerConfig config;
  private final Topics topics;
  private final BeanProvider<Embedder> embedderProvider;
  private final ItemPrompter prompter;
  private final WorkerMetrics metrics;
  private final Map<String, Object> clientBase;
  private final Clock clock = Clock.systemUTC();
  private final PromptHashIndex index = new PromptHashIndex();

  private Embedder embedder;
  private volatile boolean running;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean caughtUp;
  private Thread thread;
  private boolean backfillStarted;

  /** Wires the loop; nothing runs until {@link #start()}. */
  public EmbeddingWorker(
      WorkerConfig config,
      Topics topics,
      BeanProvider<Embedder> embedder,
      ItemPrompter prompter,
      WorkerMetrics metrics,
      @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
          Map<String, Object> kafka) {
    this.config = config;
    this.topics = topics;
    // Resolved in start(): a disabled worker never loads the text model.
    this.embedderProvider = embedder;
    this.prompter = prompter;
    this.metrics = metrics;
    Map<String, Object> base = new HashMap<>(ClientSecurity.select(kafka));
    base.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.valueOf(kafka.get("bootstrap.servers")));
    this.clientBase = Map.copyOf(base);
  }

  /** Starts the loop with the application when {@code llmemb.worker.enabled}. */
  @EventListener
  void onStartup(StartupEvent event) {
    if (config.enabled()) {
      start();
    }
  }

  /** Starts the loop thread (idempotent). */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    embedder = embedderProvider.get();
    running = true;
    thread = new Thread(this::run, "embedding-worker");
    thread.start();
    LOG.info(
        "Embedding worker started: group {}, batch size {}, max wait {}, model {}, prompt {}{}",
        config.groupId(),
        config.batchSize(),
        config.maxWait(),
        embedder.llmVersion(),
        prompter.promptVersion(),
        config.backfill() ? ", backfill" : "");
  }

  /** Stops the loop after producing and committing what is pending. */
  @PreDestroy
  public synchronized void stop() throws InterruptedException {
    if (thread == null) {
      return;
    }
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    thread.join(Duration.ofSeconds(30).toMillis());
    thread = null;
  }

  /** The index of published fingerprints (read-only use: tests, health). */
  public PromptHashIndex index() {
    return index;
  }

  /**
   * True once the loop has consumed up to the end of its assigned partitions at least once (lag 0).
   */
  public boolean caughtUp() {
    return caughtUp;
  }

  private void run() {
    while (running) {
      try {
        runSession();
      } catch (WakeupException e) {
        if (running) {
          LOG.warn("Unexpected wakeup; restarting the consumer");
        }
      } catch (RuntimeException e) {
        LOG.error(
            "Embedding loop failed; restarting from the committed offsets in {}",
            RESTART_BACKOFF,
            e);
        sleepQuietly(RESTART_BACKOFF);
      }
    }
  }

  /** One consumer/producer session: runs until stopped or until something fails. */
  private void runSession() {
    PromptHashIndexLoader loader =
        new PromptHashIndexLoader(baseClientConfig(), topics.itemEmbeddings(), INDEX_LOAD_TIMEOUT);
    EmbeddingBatcher batcher =
        new EmbeddingBatcher(
            prompter,
            index,
            embedder,
            topics.items(),
            topics.itemEmbeddings(),
            config.batchSize(),
            config.maxWait(),
            metrics,
            clock);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c =
            new KafkaConsumer<>(
                consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer = c;
      Session session = new Session(c, producer, batcher, offsets, loader);
      c.subscribe(List.of(topics.items().name()), session);
      Instant nextReport = clock.instant();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r :
            c.poll(batcher.timeUntilDue(config.pollTimeout()))) {
          batcher.accept(r);
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          if (batcher.isFull()) {
            session.flush();
          }
        }
        if (batcher.isDue()) {
          session.flush();
        }
        long lag = lag(c);
        metrics.lag(lag);
        if (lag == 0 && !batcher.hasAccepted() && !c.assignment().isEmpty()) {
          caughtUp = true;
        }
        if (session.backfill != null && !clock.instant().isBefore(nextReport)) {
          session.reportBackfill();
          nextReport = clock.instant().plus(config.progressInterval());
        }
      }
      session.flush();
    } finally {
      consumer = null;
    }
  }

  private static long lag(KafkaConsumer<?, ?> c) {
    long sum = 0;
    for (TopicPartition tp : c.assignment()) {
      sum += c.currentLag(tp).orElse(0);
    }
    return sum;
  }

  /** State of one consumer session; also its rebalance listener. */
  private final class Session implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final EmbeddingBatcher batcher;
    private final Map<TopicPartition, OffsetAndMetadata> offsets;
    private final PromptHashIndexLoader loader;
    private BackfillProgress backfill;
    private boolean backfillDone;

    /** Set when producing failed: nothing of this session may be committed any more. */
    private boolean failed;

    /**
     * Source records of {@code catalog.items} that already have a dead letter; loaded on the first
     * letter.
     */
    private DeadLetterLedger ledger;

    Session(
        KafkaConsumer<byte[], byte[]> consumer,
        KafkaProducer<byte[], byte[]> producer,
        EmbeddingBatcher batcher,
        Map<TopicPartition, OffsetAndMetadata> offsets,
        PromptHashIndexLoader loader) {
      this.consumer = consumer;
      this.producer = producer;
      this.batcher = batcher;
      this.offsets = offsets;
      this.loader = loader;
    }

    /**
     * Produces every pending output, waits for the acknowledgements, then commits the consumed
     * offsets. A dead letter too large for the broker is sent again without its payload (the source
     * coordinates locate it). Any other failure poisons the session: the offsets are dropped, never
     * committed, so the revocation that closing the consumer triggers cannot move the group past
     * records whose output was lost; the next session re-reads them from the last commit.
     */
    void flush() {
      if (failed || (!batcher.hasAccepted() && offsets.isEmpty())) {
        return;
      }
      try {
        List<ProducerRecord<byte[], byte[]>> out = withoutKnownLetters(batcher.drain());
        List<Future<RecordMetadata>> acks = new ArrayList<>(out.size());
        for (ProducerRecord<byte[], byte[]> r : out) {
          acks.add(producer.send(r));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
          awaitAck(out.get(i), acks.get(i));
        }
      } catch (RuntimeException e) {
        failed = true;
        offsets.clear();
        throw e;
      }
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets);
        offsets.clear();
      }
    }

    /**
     * Drops dead letters whose source record already has one: a backfill or a replay after a failed
     * session reads the same bad records again. The ledger is read on the first letter of a
     * session, and again (at most once a second) when a letter it does not know comes up, so
     * letters written meanwhile elsewhere are seen.
     */
    private List<ProducerRecord<byte[], byte[]>> withoutKnownLetters(
        List<ProducerRecord<byte[], byte[]>> out) {
      if (out.stream().noneMatch(r -> TopicNames.isDlq(r.topic()))) {
        return out;
      }
      if (ledger == null) {
        ledger =
            DeadLetterLedger.load(baseClientConfig(), topics.items().name(), INDEX_LOAD_TIMEOUT);
      } else {
        ledger.refreshIfOlderThan(Duration.ofSeconds(1), INDEX_LOAD_TIMEOUT);
      }
      List<ProducerRecord<byte[], byte[]>> kept = new ArrayList<>(out.size());
      for (ProducerRecord<byte[], byte[]> r : out) {
        if (TopicNames.isDlq(r.topic()) && known(r)) {
          metrics.duplicateDeadLetterSkipped();
        } else {
          kept.add(r);
        }
      }
      return kept;
    }

    private boolean known(ProducerRecord<byte[], byte[]> letter) {
      return ledger.alreadyDeadLettered(
          DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_TOPIC),
          Integer.parseInt(DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_PARTITION)),
          Long.parseLong(DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_OFFSET)));
    }

    private void remember(ProducerRecord<byte[], byte[]> letter) {
      if (ledger != null && TopicNames.isDlq(letter.topic())) {
        ledger.record(
            DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_TOPIC),
            Integer.parseInt(DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_PARTITION)),
            Long.parseLong(DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_OFFSET)));
      }
    }

    private void awaitAck(ProducerRecord<byte[], byte[]> record, Future<RecordMetadata> ack) {
      try {
        try {
          ack.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof RecordTooLargeException)
              || !TopicNames.isDlq(record.topic())) {
            throw e;
          }
          LOG.warn(
              "dead letter for {} too large for the broker; sending it without key and value",
              record.topic());
          producer.send(DeadLetters.withoutPayload(record)).get();
        }
        remember(record);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for produce acknowledgements", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "producing to " + record.topic() + " failed; offsets not committed", e.getCause());
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      flush();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      flush();
      // Another instance may have embedded items of these partitions since our last load.
      index.replaceWith(loader.load());
      if (config.backfill() && !backfillStarted && !partitions.isEmpty()) {
        backfillStarted = true;
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.seekToBeginning(partitions);
        backfill = new BackfillProgress(start, end, clock);
        LOG.info(
            "Backfill: re-reading {} records of {} from the start", backfill.total(), partitions);
      }
    }

    void reportBackfill() {
      if (backfillDone) {
        return;
      }
      double fraction = backfill.fraction(this::position);
      metrics.backfillProgress(fraction);
      LOG.info("{}", backfill.describe(this::position));
      if (fraction >= 1.0) {
        backfillDone = true;
        LOG.info(
            "Backfill complete: {} embedded, {} unchanged skipped, {} dead letters so far",
            (long) metrics.embeddedCount(),
            (long) metrics.skippedCount(),
            (long) metrics.deadLetterCount());
      }
    }

    private long position(TopicPartition tp) {
      return consumer.assignment().contains(tp) ? consumer.position(tp) : 0L;
    }
  }

  private Map<String, Object> baseClientConfig() {
    return new HashMap<>(clientBase);
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> m = baseClientConfig();
    m.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    m.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A poll never returns more than a few batches, so one poll's work stays well inside
    // max.poll.interval.ms.
    m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(config.batchSize() * 4, 100));
    long session = config.sessionTimeout().toMillis();
    m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
    m.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, session / 3));
    if (!config.groupInstanceId().isBlank()) {
      // Static membership: a restarted worker gets its partitions back without waiting out its old
      // session.
      m.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
    }
    return m;
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> m = baseClientConfig();
    m.put(ProducerConfig.ACKS_CONFIG, "all");
    m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    m.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return m;
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
