package io.llmemb.serving.streams;

import io.llmemb.serving.config.ServingConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * {@code /health} (and {@code /health/readiness}) entry {@code servingStreams}. DOWN, with each
 * reason listed under {@code reasons}, when Kafka Streams is neither running nor rebalancing, when
 * stream threads were replaced {@code max-thread-replacements} times within the window, when an
 * input partition has lag but its committed offset has not moved for {@code stall-timeout}, or when
 * interactions arrive while no model is loaded. Details give the state, model version, indexed
 * items, lag and replacements, so an orchestrator and a person both see why an instance is not
 * serving.
 */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {

  /** Name of the entry under {@code /health}. */
  public static final String NAME = "servingStreams";

  private final ServingStreams streams;
  private final ModelHolder holder;
  private final ServingMetrics metrics;
  private final ServingConfig config;
  private final ProgressWatch watch;

  StreamsHealthIndicator(
      ServingStreams streams,
      ModelHolder holder,
      ServingMetrics metrics,
      ServingConfig config,
      @Nullable ProgressWatch watch) {
    this.streams = streams;
    this.holder = holder;
    this.metrics = metrics;
    this.config = config;
    this.watch = watch;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    KafkaStreams.State state = streams.streams().state();
    List<String> reasons = new ArrayList<>();
    if (!state.isRunningOrRebalancing()) {
      reasons.add("kafka streams is " + state);
    }
    int replaced = streams.replacements().recent();
    if (replaced >= config.getMaxThreadReplacements()) {
      reasons.add(
          replaced + " stream-thread replacements within " + config.getThreadReplacementWindow());
    }
    if (watch != null) {
      watch.progress().stuck().forEach(s -> reasons.add("partition " + s));
    }
    double withoutModel = metrics.eventsWithoutModel();
    if (holder.current().isEmpty() && withoutModel > 0) {
      reasons.add(
          "no model loaded while interactions arrive ("
              + (long) withoutModel
              + " without recommendations)");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state.name());
    details.put("modelVersion", holder.current().map(LiveModel::releaseVersion).orElse("none"));
    details.put("indexedItems", holder.indexedItems());
    details.put("threadReplacements", streams.replacements().total());
    if (watch != null) {
      details.put("inputLag", watch.progress().lag());
    }
    details.put("reasons", reasons);
    HealthStatus status = reasons.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
    return Publishers.just(HealthResult.builder(NAME, status).details(details).build());
  }
}
