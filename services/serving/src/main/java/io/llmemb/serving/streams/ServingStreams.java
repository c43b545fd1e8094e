package io.llmemb.serving.streams;

import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.DeadLetterProcessingHandler;
import io.llmemb.schemas.DeadLetterSender;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.serving.config.ServingConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.LastGoodReleaseFile;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelReleases;
import io.llmemb.serving.topology.ServingSettings;
import io.llmemb.serving.topology.ServingTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Kafka Streams instance of the serving topology: configures it (exactly_once_v2,
 * dead-letter handlers for undecodable records and for records whose processing throws, static
 * membership and a short session so a restarted instance resumes at once, standby replicas,
 * application.server for interactive-query routing), starts it with the application context and
 * closes it on shutdown. A failed stream thread is replaced and counted; readiness turns DOWN when
 * replacements pile up. Managed here rather than through micronaut-kafka-streams so that the
 * topology is the very same object the TopologyTestDriver suite tests.
 */
@Context
public class ServingStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingStreams.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long an instance that cannot tell the owner of a global dead letter leaves the owner to
   * write it.
   */
  static final Duration UNKNOWN_OWNER_GRACE = Duration.ofSeconds(3);

  private final KafkaStreams streams;
  private final HostInfo self;
  private final KafkaStreamsMetrics streamsMetrics;
  private final ThreadReplacements replacements;
  private final DeadLetterSender deadLetters;

  /** Builds and starts the streams app. */
  public ServingStreams(
      ServingConfig config,
      Topics topics,
      ServingSettings settings,
      ModelHolder holder,
      ItemVectors vectors,
      ModelReleases releases,
      ServingMetrics metrics,
      MeterRegistry registry,
      KafkaClientConfig clients,
      @Value("${micronaut.server.port:8093}") int httpPort,
      @Value("${llmemb.schema-registry.url}") String registryUrl) {
    this.self =
        HostInfo.buildFromEndpoint(
            config.getApplicationServer().isBlank()
                ? "localhost:" + httpPort
                : config.getApplicationServer());
    // One sender for every letter this process writes (handlers, processors, global stores): one
    // fenced writer per dead-letter topic, so each source record gets one letter across instances,
    // restarts, retried tasks and global-store replays.
    this.deadLetters =
        DeadLetterSender.create(
            clients.common(), config.getApplicationId() + "-dlq", Duration.ofSeconds(30));
    Properties props = properties(config, clients.common(), self);
    props.put("schema.registry.url", registryUrl);
    props.put(DeadLetterSender.SENDER_INSTANCE, deadLetters);
    // Undecodable records of the global topics follow the same one-instance rule as the invalid
    // ones.
    props.put(
        DeadLetterDeserializationHandler.ROUTE_INSTANCE,
        (java.util.function.Predicate<ProducerRecord<byte[], byte[]>>) this::routeGlobalLetter);
    this.replacements =
        new ThreadReplacements(config.getThreadReplacementWindow(), Clock.systemUTC());
    this.streams =
        new KafkaStreams(
            ServingTopology.build(
                topics,
                settings,
                holder,
                vectors,
                releases,
                metrics,
                this::deadLetter,
                new LastGoodReleaseFile(
                    config
                        .getStateDir()
                        .resolve(config.getApplicationId() + ".last-good-releases.avro"))),
            props);
    streams.setUncaughtExceptionHandler(
        e -> {
          replacements.record();
          metrics.streamThreadReplaced();
          LOG.error(
              "stream thread failed ({} replacements in the last {}); replacing it",
              replacements.recent(),
              config.getThreadReplacementWindow(),
              e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener((now, before) -> LOG.info("kafka streams {} -> {}", before, now));
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    LOG.info(
        "serving streams {} started against {} (application.server {})",
        config.getApplicationId(),
        clients.common().get("bootstrap.servers"),
        self);
  }

  static Properties properties(ServingConfig config, Map<String, Object> clients, HostInfo self) {
    Properties props = new Properties();
    props.putAll(clients);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getApplicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.getStateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getStreamThreads());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getStandbyReplicas());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getCommitInterval().toMillis());
    long session = config.getSessionTimeout().toMillis();
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) Math.max(500, session / 3));
    if (!config.getGroupInstanceId().isBlank()) {
      // Streams appends the thread index, so each stream thread gets a stable id of its own.
      props.put(
          StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          config.getGroupInstanceId());
    }
    props.putAll(config.getStreams());
    return props;
  }

  private boolean routeGlobalLetter(ProducerRecord<byte[], byte[]> letter) {
    String source = DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_TOPIC);
    if (!TopicNames.ITEM_EMBEDDINGS.equals(source) && !TopicNames.MODEL_RELEASES.equals(source)) {
      return false;
    }
    deadLetterGlobal(letter);
    return true;
  }

  /** A processor's dead letter: global topics' by the one-instance rule, the others directly. */
  private void deadLetter(ProducerRecord<byte[], byte[]> letter) {
    if (!routeGlobalLetter(letter)) {
      deadLetters.send(letter);
    }
  }

  /**
   * Dead letters of the global topics: every instance reads every global record, so only one
   * instance, the active owner of a key derived from the record's source partition under the
   * current assignment, writes the letter. While the assignment is unknown here (start-up restore,
   * rebalancing), another instance may know it and be the owner: this one then waits {@link
   * #UNKNOWN_OWNER_GRACE} and writes the letter only if the sender's ledger, caught up after the
   * wait, still does not hold one; a record is never left without a letter. The rule keeps the
   * instances from contending for the dead-letter topic's writer; the sender's fencing is what
   * makes the letter unique when two instances disagree about the owner (mid-rebalance).
   */
  private void deadLetterGlobal(ProducerRecord<byte[], byte[]> letter) {
    String source =
        DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_TOPIC)
            + "-"
            + DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_PARTITION);
    KeyQueryMetadata owner;
    try {
      owner =
          streams.queryMetadataForKey(
              ServingTopology.SEQUENCES_STORE, source, Serdes.String().serializer());
    } catch (RuntimeException notYet) {
      owner = KeyQueryMetadata.NOT_AVAILABLE;
    }
    boolean known = owner != null && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE);
    if (known && !owner.activeHost().equals(self)) {
      return;
    }
    if (!known) {
      if (deadLetters.alreadySent(letter)) {
        return;
      }
      try {
        Thread.sleep(UNKNOWN_OWNER_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deadLetters.send(letter);
  }

  /** Stream-thread replacements (readiness reads them). */
  public ThreadReplacements replacements() {
    return replacements;
  }

  /** The running instance (for interactive queries and health). */
  public KafkaStreams streams() {
    return streams;
  }

  /** This instance's application.server endpoint. */
  public HostInfo self() {
    return self;
  }

  @PreDestroy
  @Override
  public void close() {
    streamsMetrics.close();
    streams.close(CLOSE_TIMEOUT);
    deadLetters.close();
    LOG.info("serving streams closed");
  }
}
