package io.llmemb.trainer;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.avro.ModelRelease;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code models.releases} topic as the trainer uses it: the current release of a
 * model (the latest value under its key) and publishing a new one (acknowledged by all in-sync
 * replicas before returning).
 */
public final class ReleaseLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseLog.class);

  private final Map<String, Object> clientConfig;
  private final Topic<String, ModelRelease> topic;
  private final Duration timeout;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param clientConfig Kafka client settings (bootstrap servers at least)
   */
  public ReleaseLog(
      Map<String, Object> clientConfig, Topic<String, ModelRelease> topic, Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.timeout = timeout;
    Map<String, Object> p = new java.util.HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * The latest release published under {@code modelName}, if any (undecodable records are skipped).
   */
  public Optional<ModelRelease> current(String modelName) {
    return Optional.ofNullable(
        TopicReader.latestByKey(
                clientConfig,
                topic,
                timeout,
                (r, e) ->
                    LOG.warn(
                        "Skipping undecodable {} record at partition {} offset {}: {}",
                        topic.name(),
                        r.partition(),
                        r.offset(),
                        e.toString()))
            .get(modelName));
  }

  /** Publishes {@code release} under its model name and waits for the acknowledgement. */
  public void publish(ModelRelease release) {
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), release.getModelName());
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), release);
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while publishing release " + release.getVersion(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "publishing release " + release.getVersion() + " failed", e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
