package io.llmemb.serving.streams;

import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * {@code /health} entry {@code servingStreams}: UP while Kafka Streams is running or rebalancing, DOWN otherwise;
 * details give the state, the model version in use and the items in its index.
 */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {

  /** Name of the entry under {@code /health}. */
  public static final String NAME = "servingStreams";

  private final ServingStreams streams;
  private final ModelHolder holder;

  StreamsHealthIndicator(ServingStreams streams, ModelHolder holder) {
    this.streams = streams;
    this.holder = holder;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    KafkaStreams.State state = streams.streams().state();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state.name());
    details.put("modelVersion", holder.current().map(LiveModel::releaseVersion).orElse("none"));
    details.put("indexedItems", holder.current().map(m -> m.index().size()).orElse(0));
    HealthStatus status = state.isRunningOrRebalancing() ? HealthStatus.UP : HealthStatus.DOWN;
    return Publishers.just(HealthResult.builder(NAME, status).details(details).build());
  }
}
