package io.llmemb.trainer;

import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.ItemEmbedding;
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
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the trainer's collaborators from configuration. */
@Factory
public class TrainerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerFactory.class);

  /** Longest time one read of a topic may take. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  @Singleton
  Topics topics(@Value("${llmemb.schema-registry.url}") String registryUrl) {
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
  }

  @Singleton
  @Bean(preDestroy = "close")
  ReleaseLog releaseLog(Topics topics, @Value("${kafka.bootstrap.servers}") String bootstrap) {
    return new ReleaseLog(client(bootstrap), topics.modelReleases(), READ_TIMEOUT);
  }

  @Singleton
  TrainerMetrics metrics(MeterRegistry registry) {
    return new TrainerMetrics(registry);
  }

  @Singleton
  TrainingJob job(TrainerConfig config, Topics topics, ReleaseLog releases, TrainerMetrics metrics,
      @Value("${kafka.bootstrap.servers}") String bootstrap) {
    PlainBackboneTrainer plain = PlainBackboneTrainer.from(config);
    Supplier<Map<String, ItemEmbedding>> embeddings = () -> TopicReader.latestByKey(client(bootstrap),
        topics.itemEmbeddings(), READ_TIMEOUT, (r, e) -> LOG.warn(
            "Skipping undecodable {} record at partition {} offset {}: {}", r.topic(), r.partition(), r.offset(),
            e.toString()));
    ModelTrainer trainer = switch (config.variant()) {
      case TrainerConfig.ID -> plain;
      case TrainerConfig.RAT -> new RatModelTrainer(plain, embeddings, config.pcaComponents());
      case TrainerConfig.FUSED -> new FusedModelTrainer(plain, embeddings, config.pcaComponents());
      default -> throw TrainerConfig.unknownVariant(config.variant());
    };
    return new TrainingJob(config, new InteractionLog(client(bootstrap), topics.interactions(), READ_TIMEOUT),
        releases, trainer,
        new DirectoryModelStore(Path.of(config.modelStore()), config.modelName()),
        new EvalGate(config.gateMetric(), config.gateMargin()), metrics, Clock.systemUTC());
  }

  private static Map<String, Object> client(String bootstrap) {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
  }
}
