package io.llmemb.serving.streams;

import io.llmemb.schemas.TopicNames;
import io.llmemb.serving.config.ServingConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the serving group's committed offsets and the end offsets of {@code tracking.interactions}
 * every {@code llmemb.serving.progress-check-interval} and feeds {@link PartitionProgress}, which
 * readiness reads. Read from the broker rather than from the stream threads because a dead or
 * looping thread reports nothing.
 */
@Singleton
@Requires(property = "llmemb.serving.progress-watch", notEquals = "false")
public class ProgressWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressWatch.class);
  private static final long TIMEOUT_MS = 5_000;

  private final Admin admin;
  private final String groupId;
  private final PartitionProgress progress;
  private final Clock clock = Clock.systemUTC();
  private volatile boolean reachable = true;

  ProgressWatch(ServingConfig config, KafkaClientConfig clients, ServingMetrics metrics) {
    this.admin = Admin.create(new HashMap<>(clients.admin()));
    this.groupId = config.getApplicationId();
    this.progress = new PartitionProgress(config.getStallTimeout());
    metrics.progressGauges(progress::lag, () -> progress.stuck().size());
  }

  /** The stuck-partition rule, fed by this watch. */
  public PartitionProgress progress() {
    return progress;
  }

  /** Whether the last poll reached the broker. */
  public boolean reachable() {
    return reachable;
  }

  @Scheduled(fixedDelay = "${llmemb.serving.progress-check-interval:10s}", initialDelay = "5s")
  void poll() {
    try {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of(TopicNames.INTERACTIONS))
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      topics
          .get(TopicNames.INTERACTIONS)
          .partitions()
          .forEach(
              p ->
                  latest.put(
                      new TopicPartition(TopicNames.INTERACTIONS, p.partition()),
                      OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, Long> end = new HashMap<>();
      ends.forEach((tp, info) -> end.put(tp, info.offset()));
      Map<TopicPartition, Long> done = new HashMap<>();
      committed.forEach(
          (tp, o) -> {
            if (o != null) {
              done.put(tp, o.offset());
            }
          });
      progress.observe(done, end, clock.instant());
      reachable = true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (reachable) {
        LOG.warn(
            "progress check could not read offsets of {} / group {}: {}",
            TopicNames.INTERACTIONS,
            groupId,
            e.toString());
      }
      reachable = false;
    }
  }

  @PreDestroy
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
