package io.llmemb.devstack;

import io.llmemb.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the architecture ({@link TopicNames#ALL}, compacted where flagged) and
 * each one's dead-letter topic (delete policy), skipping topics that exist, so it can run on every
 * start.
 */
public final class TopicCreator {

  /** Partitions of each data topic unless configured. */
  public static final int DEFAULT_PARTITIONS = 3;

  private static final short REPLICATION = 1;

  private TopicCreator() {}

  /** The topics to create: every data topic and its DLQ with {@code partitions} partitions each. */
  public static List<NewTopic> plan(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    List<NewTopic> topics = new ArrayList<>();
    for (TopicNames.Spec spec : TopicNames.ALL) {
      topics.add(topic(spec.name(), partitions, spec.compacted()));
      topics.add(topic(TopicNames.dlq(spec.name()), partitions, false));
    }
    return topics;
  }

  private static NewTopic topic(String name, int partitions, boolean compacted) {
    String policy =
        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    return new NewTopic(name, partitions, REPLICATION)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy));
  }

  /**
   * Creates the missing topics of {@link #plan(int)} on {@code bootstrap}.
   *
   * @return names of the topics created now (empty when all existed)
   */
  public static List<String> createAll(String bootstrap, int partitions, Duration timeout) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          plan(partitions).stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics on " + bootstrap, e);
    }
  }
}
