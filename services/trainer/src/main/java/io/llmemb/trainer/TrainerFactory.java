package io.llmemb.trainer;

import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the trainer's collaborators from configuration. */
@Factory
public class TrainerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerFactory.class);

  /** Longest time one read of a topic may take. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  /** Longest wait for the dead-letter ledger read and for a batch of letters to be acknowledged. */
  private static final Duration DLQ_TIMEOUT = Duration.ofSeconds(30);

  @Singleton
  Topics topics(@Value("${llmemb.schema-registry.url}") String registryUrl) {
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
  }

  @Singleton
  KafkaClientSettings kafkaClientSettings(
      @Value("${kafka.bootstrap.servers}") String bootstrap,
      @Value("${kafka.security.protocol:}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig,
      @Value("${kafka.ssl.truststore.location:}") String truststoreLocation,
      @Value("${kafka.ssl.truststore.password:}") String truststorePassword) {
    return new KafkaClientSettings(
        bootstrap,
        securityProtocol,
        saslMechanism,
        saslJaasConfig,
        truststoreLocation,
        truststorePassword);
  }

  @Singleton
  @Bean(preDestroy = "close")
  ReleaseLog releaseLog(Topics topics, KafkaClientSettings kafka) {
    return new ReleaseLog(client(kafka), topics.modelReleases(), READ_TIMEOUT);
  }

  @Singleton
  @Bean(preDestroy = "close")
  SnapshotDeadLetters interactionDeadLetters(KafkaClientSettings kafka, TrainerMetrics metrics) {
    return new SnapshotDeadLetters(client(kafka), DLQ_TIMEOUT, metrics::deadLettered);
  }

  @Singleton
  TrainerMetrics metrics(MeterRegistry registry) {
    return new TrainerMetrics(registry);
  }

  @Singleton
  TrainingJob job(
      TrainerConfig config,
      Topics topics,
      ReleaseLog releases,
      TrainerMetrics metrics,
      KafkaClientSettings kafka,
      SnapshotDeadLetters deadLetters) {
    PublishedEmbeddings embeddings =
        new PublishedEmbeddings(
            () ->
                TopicReader.latestByKey(
                    client(kafka),
                    topics.itemEmbeddings(),
                    READ_TIMEOUT,
                    (r, e) ->
                        LOG.warn(
                            "Skipping undecodable {} record at partition {} offset {}: {}",
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            e.toString())));
    ModelTrainer trainer = VariantModelTrainer.from(config, embeddings);
    return new TrainingJob(
        config,
        new InteractionLog(client(kafka), topics.interactions(), READ_TIMEOUT, deadLetters),
        releases,
        trainer,
        new DirectoryModelStore(Path.of(config.modelStore()), config.modelName()),
        new EvalGate(config.gateMetric(), config.gateMargin()),
        metrics,
        Clock.systemUTC(),
        TrainerConfig.ID.equals(config.variant()) ? Optional.empty() : Optional.of(embeddings));
  }

  /**
   * Every Kafka client config the trainer builds comes from here, so none misses the security
   * settings.
   */
  static Map<String, Object> client(KafkaClientSettings kafka) {
    return kafka.clientConfig();
  }
}
