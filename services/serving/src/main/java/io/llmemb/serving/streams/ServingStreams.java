package io.llmemb.serving.streams;

import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.Topics;
import io.llmemb.serving.ServingConfig;
import io.llmemb.serving.ServingMetrics;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelReleases;
import io.llmemb.serving.topology.ServingSettings;
import io.llmemb.serving.topology.ServingTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Kafka Streams instance of the serving topology: configures it (exactly_once_v2, dead-letter handler,
 * application.server for interactive-query routing), starts it with the application context and closes it on
 * shutdown. Managed here rather than through micronaut-kafka-streams so that the topology is the very same object
 * the TopologyTestDriver suite tests.
 */
@Context
public class ServingStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingStreams.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final HostInfo self;
  private final KafkaStreamsMetrics streamsMetrics;

  /** Builds and starts the streams app. */
  public ServingStreams(ServingConfig config, Topics topics, ServingSettings settings, ModelHolder holder,
      ItemVectors vectors, ModelReleases releases, ServingMetrics metrics, MeterRegistry registry,
      @Value("${kafka.bootstrap.servers}") String bootstrap, @Value("${micronaut.server.port:8093}") int httpPort,
      @Value("${llmemb.schema-registry.url}") String registryUrl) {
    this.self = HostInfo.buildFromEndpoint(config.getApplicationServer().isBlank()
        ? "localhost:" + httpPort : config.getApplicationServer());
    Properties props = properties(config, bootstrap, self);
    props.put("schema.registry.url", registryUrl);
    this.streams = new KafkaStreams(ServingTopology.build(topics, settings, holder, vectors, releases, metrics),
        props);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> LOG.info("kafka streams {} -> {}", before, now));
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    LOG.info("serving streams {} started against {} (application.server {})", config.getApplicationId(), bootstrap,
        self);
  }

  static Properties properties(ServingConfig config, String bootstrap, HostInfo self) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getApplicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.getStateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getStreamThreads());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    props.putAll(config.getStreams());
    return props;
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
    LOG.info("serving streams closed");
  }
}
